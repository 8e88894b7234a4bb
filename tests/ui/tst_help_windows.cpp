// Help → Glossary and Help → Dataflow primer (offscreen): the glossary lists every term of the
// vocabulary with its nn_dataflow name; the primer solves its compiled-in example (a small conv on a
// 4x4 mesh), draws its chapters from it, and a "show me" link selects the view and layer it names.

#include "glossary_dialog.h"
#include "main_window.h"
#include "primer_dialog.h"

#include "session/selection_context.h"
#include "views/results_panel.h"

#include "report/vocabulary.h"

#include <QAction>
#include <QLineEdit>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QUrl>

class TestHelpWindows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helpMenuOffersBoth();
    void glossaryListsTheVocabulary();
    void termsInTextAreLinks();
    void primerDrawsFromTheExample();
};

namespace {

QAction* helpAction(MainWindow& window, const QString& text)
{
    for (QAction* menu : window.menuBar()->actions())
        if (menu->menu() && menu->text().contains(QStringLiteral("Help")))
            for (QAction* a : menu->menu()->actions())
                if (a->text().remove(QLatin1Char('&')) == text)
                    return a;
    return nullptr;
}

} // namespace

void TestHelpWindows::helpMenuOffersBoth()
{
    MainWindow window;
    QAction* glossary = helpAction(window, QStringLiteral("Glossary"));
    QAction* primer = helpAction(window, QStringLiteral("Dataflow primer"));
    QVERIFY(glossary && primer);
    glossary->trigger();
    QVERIFY(window.findChild<GlossaryDialog*>() && window.findChild<GlossaryDialog*>()->isVisible());
    glossary->trigger(); // shown again, not twice
    QCOMPARE(window.findChildren<GlossaryDialog*>().size(), 1);
}

void TestHelpWindows::glossaryListsTheVocabulary()
{
    GlossaryDialog dialog;
    QCOMPARE(dialog.table()->rowCount(), static_cast<int>(kapla::glossary().size()));
    // Every term is at its own index, with a meaning; the partition dimensions carry nn_dataflow's names.
    for (std::size_t i = 0; i < kapla::glossary().size(); ++i) {
        QCOMPARE(static_cast<std::size_t>(kapla::glossary()[i].term), i);
        QVERIFY(!kapla::glossary()[i].meaning.empty());
    }
    QCOMPARE(kapla::termLabel(kapla::partitionTerm(kapla::Parallel::Batp)), std::string("batch (N)"));
    QCOMPARE(kapla::termInfo(kapla::Term::OutputChannels).nnDataflow, std::string_view("OUTP"));
    dialog.filter()->setText(QStringLiteral("OFMP"));
    int shown = 0;
    for (int r = 0; r < dialog.table()->rowCount(); ++r)
        if (!dialog.table()->isRowHidden(r)) {
            ++shown;
            QCOMPARE(dialog.table()->item(r, 0)->text(), QStringLiteral("output fmap"));
        }
    QCOMPARE(shown, 1);
}

void TestHelpWindows::termsInTextAreLinks()
{
    const QString html = linkGlossaryTerms(QStringLiteral("GBUF (per node): inputs 12 words; REGFs; batch (N): 2"));
    QVERIFY2(html.contains(QStringLiteral("<a href=\"term:%1\">GBUF</a>").arg(static_cast<int>(kapla::Term::Gbuf))),
             qPrintable(html));
    QVERIFY2(html.contains(QStringLiteral(">batch (N)</a>")), qPrintable(html));
    QVERIFY2(html.contains(QStringLiteral(">words</a>")), qPrintable(html));
    QVERIFY2(!html.contains(QStringLiteral(">REGF</a>")), qPrintable(html)); // "REGFs" is not the term
    QCOMPARE(termOfLink(QUrl(QStringLiteral("term:%1").arg(static_cast<int>(kapla::Term::Regf)))),
             std::optional<kapla::Term>(kapla::Term::Regf));
    QVERIFY(!termOfLink(QUrl(QStringLiteral("https://example.org"))));
}

void TestHelpWindows::primerDrawsFromTheExample()
{
    PrimerDialog primer;
    primer.resize(1200, 900);
    primer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&primer));
    QCOMPARE(primer.chapterCount(), 6);
    QSignalSpy ready(&primer, &PrimerDialog::exampleReady);
    if (!primer.exampleRun())
        QVERIFY(ready.wait(120000));
    QVERIFY(primer.exampleRun());
    QCOMPARE(primer.exampleRun()->evaluation->layers.size(), std::size_t{3});
    // Chapter 1 shows conv1's loop nest from the solved example; chapter 3 its allocation picture.
    primer.showChapter(0);
    QVERIFY2(primer.page()->toPlainText().contains(QStringLiteral("parallel for pe in 8x8 PEs")),
             qPrintable(primer.page()->toPlainText()));
    primer.showChapter(2);
    QVERIFY(primer.page()->toHtml().contains(QStringLiteral("primer:allocation")));
    QVERIFY(!primer.page()->toPlainText().contains(QStringLiteral("{{")));
    // "Show me" opens the view and layer it names in the example's results.
    primer.showMe(QStringLiteral("timeline/pool1"));
    QCOMPARE(primer.example()->tabs()->currentIndex(), static_cast<int>(ResultsPanel::Tab::Timeline));
    QCOMPARE(primer.example()->selection()->layer(), QStringLiteral("pool1"));
}

QTEST_MAIN(TestHelpWindows)
#include "tst_help_windows.moc"
