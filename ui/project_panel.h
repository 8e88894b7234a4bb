#pragma once
// The project panel: the network, architecture and options at a glance (click to edit them), and
// the list of solve runs.

#include <QWidget>

class ProjectDocument;
class QAction;
class QListView;
class QTreeWidget;
class QTreeWidgetItem;

class ProjectPanel : public QWidget
{
    Q_OBJECT

public:
    /// The sections, in the order of the editor tabs.
    enum class Section { Network, Architecture, Options };

    explicit ProjectPanel(ProjectDocument* document, QWidget* parent = nullptr);

    QTreeWidget* sections() const { return m_tree; }
    QListView* runs() const { return m_runs; }
    /// Removes the current run (Delete; undoable).
    QAction* removeRunAction() const { return m_removeRun; }
    /// The summary lines under a section (for tests and tooltips).
    QStringList sectionLines(Section section) const;

    /// Selects the row of a run (the one the result views show); none for an unlisted run.
    void highlightRun(int runId);

Q_SIGNALS:
    void sectionActivated(ProjectPanel::Section section);
    /// A run was double-clicked or activated with Enter.
    void runActivated(int runId);

private:
    void refresh();
    void setLines(Section section, const QStringList& lines);

    ProjectDocument* m_doc;
    QTreeWidget* m_tree;
    QListView* m_runs;
    QAction* m_removeRun;
};
