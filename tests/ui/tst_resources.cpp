// The compiled-in resources (offscreen): the application icon in every size it ships in and its PNGs
// against their SVG sources, an icon on every tool bar action of the main window, the style sheets,
// and what the themes do to a real window, to the YAML colours and to the choice kept in QSettings.

#include "main_window.h"
#include "yaml_text_edit.h"

#include "session/project_document.h"

#include "resources/app_icons.h"
#include "resources/app_theme.h"

#include <QAction>
#include <QColor>
#include <QFile>
#include <QIcon>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QPalette>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolBar>
#include <QWidget>
#include <QWidgetAction>

#include <cstdlib>

namespace {

const QString kSource = QStringLiteral(KAPLA_SOURCE_DIR);

int visiblePixels(const QImage& image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += qAlpha(image.pixel(x, y)) > 128 ? 1 : 0;
    return count;
}

// Mean lightness (0..255) of the visible pixels of an icon: its ink.
int inkLightness(const QImage& image)
{
    long sum = 0;
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (const QColor c = image.pixelColor(x, y); c.alpha() > 128) {
                sum += c.lightness();
                ++count;
            }
    return count > 0 ? static_cast<int>(sum / count) : -1;
}

// A point of plain window background: the empty end of the main tool bar.
QColor backgroundPixel(QMainWindow& window)
{
    QCoreApplication::processEvents();
    const auto* bar = window.findChild<QToolBar*>(QStringLiteral("mainToolBar"));
    const QPoint probe = bar->mapTo(&window, QPoint(bar->width() - 6, bar->height() / 2));
    return window.grab().toImage().pixelColor(probe);
}

QAction* themeAction(const MainWindow& window, const QString& label)
{
    for (const QMenu* menu : window.menuBar()->findChildren<QMenu*>())
        if (menu->title() == QStringLiteral("&Theme"))
            for (QAction* action : menu->actions())
                if (action->text() == label)
                    return action;
    return nullptr;
}

} // namespace

class TestResources : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void applicationIconHasEverySize();
    void applicationIconPngsMatchTheirSvg();
    void toolBarActionsHaveIcons();
    void styleSheetsAreCompiledIn();
    void darkThemeDarkensTheWindow();
    void darkThemeKeepsYamlLegible();
    void themeChoiceIsASettingNotAnEdit();
};

void TestResources::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setApplicationName(QStringLiteral("kapla-ui-tests"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    // No desktop icon theme may stand in for a missing icon of ours.
    QIcon::setThemeSearchPaths({});
    QIcon::setFallbackSearchPaths({});
}

void TestResources::cleanup() { applyTheme(Theme::System); }

void TestResources::applicationIconHasEverySize()
{
    const QIcon icon = applicationIcon();
    QVERIFY(!icon.isNull());
    const QList<QSize> sizes = icon.availableSizes();
    for (const int size : kApplicationIconSizes) {
        QVERIFY2(sizes.contains(QSize(size, size)), qPrintable(QStringLiteral("no %1 px icon").arg(size)));
        const QImage image = icon.pixmap(QSize(size, size)).toImage();
        QCOMPARE(image.size(), QSize(size, size));
        // The tile fills most of the square; an empty or broken PNG would not.
        QVERIFY2(visiblePixels(image) > size * size * 3 / 4, qPrintable(QString::number(size)));
    }
}

// Each compiled-in PNG is what its SVG source renders today, so an edited SVG cannot ship with
// stale PNGs (`--target render-app-icons` writes them again).
void TestResources::applicationIconPngsMatchTheirSvg()
{
#ifdef KAPLA_RENDER_ICON_EXE
    QTemporaryDir dir;
    for (const int size : kApplicationIconSizes) {
        QString source = kSource + QStringLiteral("/resources/icons/kapla-studio-%1.svg").arg(size);
        if (!QFile::exists(source))
            source = kSource + QStringLiteral("/resources/icons/kapla-studio.svg");
        const QString out = dir.filePath(QStringLiteral("%1.png").arg(size));
        QProcess render;
        render.start(QStringLiteral(KAPLA_RENDER_ICON_EXE), {source, QString::number(size), out});
        QVERIFY(render.waitForFinished(30000));
        QVERIFY2(render.exitCode() == 0, render.readAllStandardError().constData());
        const QImage fresh = QImage(out).convertToFormat(QImage::Format_ARGB32);
        const QImage shipped = QImage(QStringLiteral(":/kapla/icons/kapla-studio-%1.png").arg(size))
                                   .convertToFormat(QImage::Format_ARGB32);
        QCOMPARE(shipped.size(), fresh.size());
        int differing = 0;
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x) {
                const QRgb a = shipped.pixel(x, y);
                const QRgb b = fresh.pixel(x, y);
                // Antialiasing may shift by a few levels between Qt versions; a changed drawing does more.
                const int delta = std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b))
                                + std::abs(qBlue(a) - qBlue(b)) + std::abs(qAlpha(a) - qAlpha(b));
                differing += delta > 24 ? 1 : 0;
            }
        QVERIFY2(differing <= size * size / 100,
                 qPrintable(QStringLiteral("%1 px: %2 pixels differ from %3").arg(size).arg(differing).arg(source)));
    }
#else
    QSKIP("built without QtSvg: no renderer to compare with");
#endif
}

void TestResources::toolBarActionsHaveIcons()
{
    MainWindow window;
    const QList<QToolBar*> bars = window.findChildren<QToolBar*>();
    QVERIFY(window.findChild<QToolBar*>(QStringLiteral("mainToolBar")));
    int checked = 0;
    for (const QToolBar* bar : bars) {
        for (QAction* action : bar->actions()) {
            if (action->isSeparator() || qobject_cast<QWidgetAction*>(action))
                continue;
            const QIcon icon = action->icon();
            QVERIFY2(!icon.isNull(), qPrintable(action->text()));
            QVERIFY2(visiblePixels(icon.pixmap(bar->iconSize()).toImage()) > 0, qPrintable(action->text()));
            ++checked;
        }
    }
    // New, Open, Save, Undo, Redo, Solve, Cancel and the network editor's four.
    QVERIFY2(checked >= 11, qPrintable(QString::number(checked)));
}

void TestResources::styleSheetsAreCompiledIn()
{
    QVERIFY(styleSheetPath(Theme::System).isEmpty());
    for (const Theme theme : {Theme::Light, Theme::Dark}) {
        QFile file(styleSheetPath(theme));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QVERIFY2(file.readAll().contains("QToolBar"), qPrintable(file.fileName()));
        applyTheme(theme);
        QVERIFY(!qApp->styleSheet().isEmpty());
    }
    applyTheme(Theme::System);
    QVERIFY(qApp->styleSheet().isEmpty());
}

void TestResources::darkThemeDarkensTheWindow()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QColor system = backgroundPixel(window);
    const QImage systemInk = window.undoAction()->icon().pixmap(QSize(18, 18)).toImage();
    QVERIFY2(system.lightness() > 180, qPrintable(system.name()));

    applyTheme(Theme::Dark);
    const QColor dark = backgroundPixel(window);
    QVERIFY2(dark.lightness() < 80, qPrintable(dark.name()));
    QVERIFY(window.palette().color(QPalette::WindowText).lightness() > 180);
#ifdef KAPLA_HAVE_SVG
    // The line icons turn light with the text, or they would vanish on the dark tool bar.
    const QImage darkInk = window.undoAction()->icon().pixmap(QSize(18, 18)).toImage();
    QVERIFY2(inkLightness(darkInk) > inkLightness(systemInk) + 100,
             qPrintable(QStringLiteral("%1 vs %2").arg(inkLightness(darkInk)).arg(inkLightness(systemInk))));
#endif

    applyTheme(Theme::Light);
    QVERIFY(backgroundPixel(window).lightness() > 180);

    applyTheme(Theme::System);
    QCOMPARE(backgroundPixel(window), system);
}

void TestResources::darkThemeKeepsYamlLegible()
{
    // In a shown window, as in the application: Qt passes a palette change on through its windows.
    QWidget window;
    auto* edit = new YamlTextEdit(&window);
    edit->setPlainText(QStringLiteral("batch: 16"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const auto keyColour = [edit] {
        const QList<QTextLayout::FormatRange> formats = edit->document()->firstBlock().layout()->formats();
        return formats.isEmpty() ? QColor() : formats.front().format.foreground().color();
    };
    QVERIFY2(keyColour().isValid() && keyColour().lightness() < 128, qPrintable(keyColour().name()));
    applyTheme(Theme::Dark);
    QVERIFY2(keyColour().lightness() > 150, qPrintable(keyColour().name()));
}

void TestResources::themeChoiceIsASettingNotAnEdit()
{
    MainWindow window;
    QStringList errors;
    QVERIFY2(window.loadProject(kSource + QStringLiteral("/sample_projects/alexnet-16x16.yaml"), &errors),
             qPrintable(errors.join(QLatin1Char('\n'))));
    QAction* dark = themeAction(window, QStringLiteral("&Dark"));
    QVERIFY(dark);
    QVERIFY(!dark->isChecked());
    dark->trigger();
    QCOMPARE(currentTheme(), Theme::Dark);
    QCOMPARE(savedTheme(), Theme::Dark);
    QVERIFY(!window.document()->isDirty());

    // A window opened later shows the choice.
    const MainWindow next;
    QVERIFY(themeAction(next, QStringLiteral("&Dark"))->isChecked());

    themeAction(window, QStringLiteral("&System"))->trigger();
    QCOMPARE(savedTheme(), Theme::System);
}

QTEST_MAIN(TestResources)
#include "tst_resources.moc"
