#pragma once
// Help → Dataflow primer: short chapters on what a dataflow is, each illustrated from a live example (a
// small convolution on a 4x4 mesh, compiled into the program and solved on a worker thread when the
// primer opens), with a "show me" link that selects the right view and layer in the example's results.

#include "model/project.h"
#include "run/run.h"
#include "session/solver_runner.h"

#include <QDialog>
#include <QHash>
#include <QImage>
#include <QString>

class PrimerPage;
class QListWidget;
class QTextBrowser;
class ResultsPanel;
class SelectionContext;

/// The primer window: chapters on the left, the page on the right, the example's results below.
class PrimerDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PrimerDialog(QWidget* parent = nullptr);

    int chapterCount() const;
    int currentChapter() const;
    void showChapter(int chapter);
    QTextBrowser* page() const;
    ResultsPanel* example() const { return m_results; }
    /// The solved example (null until the solve has finished).
    const kapla::RunPtr& exampleRun() const { return m_run; }
    /// Follows a "show me" link target "<view>/<layer>": energy, allocation, occupancy or timeline.
    void showMe(const QString& target);

Q_SIGNALS:
    /// The example was solved and the pictures are drawn (or it failed: exampleRun() stays null).
    void exampleReady();

private:
    void onSolved(const SolveResultPtr& result);
    void drawPictures();
    QString chapterHtml(int chapter) const;

    QListWidget* m_chapters = nullptr;
    PrimerPage* m_page = nullptr;
    SelectionContext* m_selection = nullptr;
    ResultsPanel* m_results = nullptr;
    SolverRunner* m_runner = nullptr;
    kapla::Project m_project;
    kapla::RunPtr m_run;
    QString m_problem;                  ///< why the example could not be shown, if it could not
    QHash<QString, QString> m_snippets; ///< {{name}} → HTML drawn from the example
};

/// Shows the primer window of `parent`, creating it the first time.
PrimerDialog* showPrimer(QWidget* parent);
