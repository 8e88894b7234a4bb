// Load -> save -> load gives the same value for every sample file; errors carry positions.
#include "io/project_io.h"
#include "io/sweep_io.h"
#include "test_paths.h"
#include "util/file_access.h"

#include <QtTest>

#include <filesystem>

using namespace kapla;
namespace fs = std::filesystem;

class TestIoRoundtrip : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void samples_data()
    {
        QTest::addColumn<QString>("path");
        int n = 0;
        for (const auto& e : fs::recursive_directory_iterator(test::sourcePath("sample_projects"))) {
            if (e.path().extension() != ".yaml")
                continue;
            QTest::newRow(e.path().filename().string().c_str()) << QString::fromStdString(e.path().string());
            ++n;
        }
        QVERIFY(n >= 38);
    }
    void samples()
    {
        QFETCH(QString, path);
        const std::string p = path.toStdString();
        switch (io::detectFileKind(p)) {
        case io::FileKind::Network: {
            const auto a = io::loadNetworkFile(p);
            QVERIFY(a.ok());
            const auto b = io::parseNetwork(io::networkToYaml(a.value()), "saved.yaml");
            QVERIFY2(b.ok(), b.ok() ? "" : b.diagnostics().front().format().c_str());
            QVERIFY(a.value() == b.value());
            QCOMPARE(io::networkToYaml(b.value()), io::networkToYaml(a.value()));
            break;
        }
        case io::FileKind::Architecture: {
            const auto a = io::loadArchitectureFile(p);
            QVERIFY(a.ok());
            const auto b = io::parseArchitecture(io::architectureToYaml(a.value()), "saved.yaml");
            QVERIFY(b.ok());
            QVERIFY(a.value() == b.value());
            break;
        }
        case io::FileKind::Project: {
            const auto a = io::loadProjectFile(p);
            QVERIFY2(a.ok(), a.ok() ? "" : a.diagnostics().front().format().c_str());
            // Inline everything, then keep the includes: both read back equal.
            const auto inl = io::parseProject(io::projectToYaml(a.value(), true), "saved.yaml", "");
            QVERIFY2(inl.ok(), inl.ok() ? "" : inl.diagnostics().front().format().c_str());
            QVERIFY(inl->network == a->network);
            QVERIFY(inl->architecture == a->architecture);
            QVERIFY(inl->options == a->options);
            QCOMPARE(inl->batch, a->batch);
            QCOMPARE(inl->name, a->name);
            const auto inc = io::parseProject(io::projectToYaml(a.value(), false), "saved.yaml",
                                              fs::path(p).parent_path().string());
            QVERIFY(inc.ok());
            QVERIFY(inc.value() == a.value());
            break;
        }
        case io::FileKind::Sweep: {
            const auto sweep = io::loadSweepFile(p);
            QVERIFY2(sweep.ok(), sweep.ok() ? "" : sweep.diagnostics().front().format().c_str());
            QVERIFY(!expandSweep(sweep.value()).empty());
            break;
        }
        default: QFAIL("unexpected file kind");
        }
    }
    void optionsRoundtrip()
    {
        Options o = optionsPreset(OptionsPreset::Inference);
        o.goal = Goal::EnergyDelay;
        o.refetchRule = RefetchRule::Original;
        o.gbufBypass = {true, false, true};
        o.threads = 3;
        o.frontierPruning = false;
        o.seed = 42;
        o.timeBudgetSeconds = 2.5;
        const std::string text = io::optionsToYaml(o);
        QVERIFY(text.find("frontier_pruning: false") != std::string::npos);
        QVERIFY(text.find("seed: 42") != std::string::npos);
        QVERIFY(text.find("time_budget: 2.5") != std::string::npos);
        const auto back = io::parseOptions(text, "o.yaml");
        QVERIFY(back.ok());
        QVERIFY(back.value() == o);
        QVERIFY(!back->frontierPruning);
    }
    void saveAtomically()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("p.yaml").toStdString();
        const auto a = io::loadProjectFile(test::sourcePath("sample_projects/golden/setup-a-simple-b1.yaml")).value();
        QVERIFY(writeFileText(path, io::projectToYaml(a, true)).empty());
        const auto b = io::loadProjectFile(path);
        QVERIFY(b.ok());
        QVERIFY(b->network == a.network);
        // The temporary file was renamed: the folder holds the project file alone.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("p.yaml")});
        QVERIFY(!writeFileText(dir.filePath("missing/dir/p.yaml").toStdString(), "x").empty());
    }
    // Columns count characters, as editors do: `é` and U+0085 (no line break for the reader) are one
    // each, so a column never points past its line's end.
    void columnsCountCharacters()
    {
        const std::string line = "    - {name: \"\xC3\xA9\xC2\x85\", type: conv, nifm: 3, nofn: 4, sofm: 6, sfil: 3}";
        const std::string text = "version: 1\nnetwork:\n  name: n\xC2\x85x\n  input: {nofm: 3, sofm: 8}\n  layers:\n"
                               + line + "\n";
        const auto r = io::parseNetwork(text, "net.yaml");
        QVERIFY(!r.ok());
        const Diagnostic& d = r.diagnostics().front();
        QCOMPARE(d.location.line, 6);
        QCOMPARE(d.location.column, QString::fromStdString(line).indexOf(QLatin1String("nofn")) + 1);
    }
    // A value echoed in a message keeps the diagnostic on one line: control characters are escaped.
    void echoedValuesStayOnOneLine()
    {
        const std::string text = "version: 1\nnetwork:\n  name: n\n  input: {nofm: \"3\\nx\\u0085\", sofm: 8}\n"
                                 "  layers: []\n";
        const auto r = io::parseNetwork(text, "net.yaml");
        QVERIFY(!r.ok());
        const std::string message = r.diagnostics().front().format();
        QVERIFY2(message.find("3\\nx\\u0085") != std::string::npos, message.c_str());
        QVERIFY(message.find('\n') == std::string::npos);
        QVERIFY(message.find("\xC2\x85") == std::string::npos);
    }
    void errorPositions()
    {
        const std::string text = "version: 1\nnetwork:\n  name: n\n  input: {nofm: 3, sofm: 8}\n  layers:\n"
                                 "    - {name: c, type: conv, nifm: 3, nofn: 4, sofm: 6, sfil: 3}\n";
        const auto r = io::parseNetwork(text, "net.yaml");
        QVERIFY(!r.ok());
        const Diagnostic& d = r.diagnostics().front();
        QCOMPARE(QString::fromStdString(d.location.file), QString("net.yaml"));
        QCOMPARE(d.location.line, 6);
        QCOMPARE(d.location.column, 38);
        QVERIFY2(QString::fromStdString(d.message).contains("did you mean `nofm`"), d.message.c_str());
        QCOMPARE(QString::fromStdString(d.format()).left(13), QString("net.yaml:6:38"));
    }
};

QTEST_APPLESS_MAIN(TestIoRoundtrip)
#include "tst_io_roundtrip.moc"
