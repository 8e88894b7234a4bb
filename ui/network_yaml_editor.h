#pragma once
// The network as YAML text, kept in sync with the document: edits are parsed after a short idle
// delay through kapla::io::parseNetwork; errors are underlined, valid text is applied as one undo step.

#include <QTimer>
#include <QWidget>

class ProjectDocument;
class QLabel;
class YamlTextEdit;

/// The YAML view of the document's network. While the layer table holds a draft with errors there
/// is no valid network to write, so the view shows the last valid one, read-only, and says so.
class NetworkYamlEditor : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kIdleDelayMs = 700;

    explicit NetworkYamlEditor(ProjectDocument* document, QWidget* parent = nullptr);

    YamlTextEdit* textEdit() const { return m_edit; }
    void setIdleDelay(int ms) { m_idle.setInterval(ms); }
    /// Parses the text now and applies it if valid; false on errors (they are marked).
    bool applyNow();
    /// The line under the text (errors, or what happened last).
    QString statusText() const;

    /// Moves the cursor to a layer's entry and highlights it; false if the text has no such entry.
    bool showLayer(const QString& name);
    /// The layer whose entry holds the cursor, or empty.
    QString layerAtCursor() const;
    /// 0-based line of a layer's entry, -1 if none.
    int lineOfLayer(const QString& name) const;

Q_SIGNALS:
    /// The cursor entered another layer's entry (empty: none) because the user moved it.
    void layerActivated(const QString& name);

private:
    void reload();
    void onTextChanged();
    void onCursorMoved();
    void setStatus(const QString& text, bool error);

    ProjectDocument* m_doc;
    YamlTextEdit* m_edit;
    QLabel* m_status;
    QTimer m_idle;
    bool m_applying = false;  ///< the document change comes from this view: keep the user's text
    bool m_reloading = false; ///< text set programmatically: not a user edit
    QString m_cursorLayer;
};
