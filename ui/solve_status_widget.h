#pragma once
// The status-bar part of a running solve: progress, best cost so far, elapsed time, ETA, Cancel.

#include <QWidget>

class ProjectDocument;
class QAction;
class QLabel;
class QProgressBar;
class QToolButton;
struct SolverProgress;

/// Visible while the document's runner works; the Cancel button triggers `cancelAction`.
class SolveStatusWidget : public QWidget
{
    Q_OBJECT

public:
    SolveStatusWidget(ProjectDocument* document, QAction* cancelAction, QWidget* parent = nullptr);

    QString detailsText() const;
    QProgressBar* progressBar() const { return m_bar; }

private:
    void onStarted();
    void onProgress(const SolverProgress& progress);
    /// Cancel was asked: the search winds down and completes the best schedule it has.
    void onStopping();
    void onIdle();

    ProjectDocument* m_doc;
    QProgressBar* m_bar;
    QLabel* m_details;
    QToolButton* m_cancel;
    std::string m_unit;
    bool m_stopping = false;
};

/// "1 min 05 s", "850 ms" for the status bar.
QString elapsedText(qint64 ms);
