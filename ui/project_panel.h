#pragma once
// The project panel: the network, architecture and options at a glance (click to edit them), and
// the list of solve runs.

#include <QWidget>

class ProjectDocument;
class QAction;
class QListView;
class QMenu;
class QPushButton;
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
    /// Makes the live re-solve's entry a normal run (enabled while there is one).
    QAction* keepLiveRunAction() const { return m_keepLive; }
    /// The button under the runs list for keepLiveRunAction() (shown while there is a live entry).
    QPushButton* keepLiveRunButton() const { return m_keepLiveButton; }
    /// The summary lines under a section (for tests and tooltips).
    QStringList sectionLines(Section section) const;

    /// Selects the row of a run (the one the result views show); none for an unlisted run.
    void highlightRun(int runId);
    /// The context menu of the run with this id (for tests: its actions carry the commands).
    QMenu* runMenu(int runId);

Q_SIGNALS:
    void sectionActivated(ProjectPanel::Section section);
    /// A run was double-clicked, activated with Enter or shown from its context menu.
    void runActivated(int runId);
    /// "Compare with…" in a run's context menu: run A (the one clicked) against run B.
    void compareRequested(int runIdA, int runIdB);
    /// "Export…" in a run's context menu.
    void exportRequested(int runId);
    /// "Duplicate as Project" in a run's context menu.
    void duplicateRequested(int runId);

private:
    void refresh();
    void updateKeepLive();
    void setLines(Section section, const QStringList& lines);
    /// "Compare with…": the other runs that have a result.
    QMenu* compareMenu(int runId, QWidget* parent);

    ProjectDocument* m_doc;
    QTreeWidget* m_tree;
    QListView* m_runs;
    QAction* m_removeRun;
    QAction* m_keepLive;
    QPushButton* m_keepLiveButton;
};
