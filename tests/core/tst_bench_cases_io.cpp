// The kapla-bench cases file: the real zoo list, defaults and generated names, and malformed files
// reported with their line, column, key and expectation.
#include "io/bench_cases_io.h"
#include "test_paths.h"

#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace kapla;
namespace fs = std::filesystem;

namespace {

void writeText(const fs::path& path, const std::string& text)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
}

// A directory with a small network and architecture beside the cases file, so that the cases use
// short relative paths and the columns in the expectations do not depend on where it lies.
fs::path caseDir(const QTemporaryDir& dir)
{
    const fs::path root = dir.path().toStdString();
    fs::copy_file(test::sourcePath("sample_projects/networks/mlp_s.yaml"), root / "net.yaml");
    fs::copy_file(test::sourcePath("sample_projects/architectures/kapla-multi-node-4x4.yaml"), root / "arch.yaml");
    writeText(root / "opts" / "fast.yaml", "version: 1\noptions:\n  preset: inference\n  goal: ed\n");
    return root;
}

QString formatAll(const Diagnostics& diags)
{
    QString out;
    for (const auto& d : diags)
        out += QString::fromStdString(d.format()) + '\n';
    return out;
}

} // namespace

class TestBenchCasesIo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void zooCases()
    {
        const auto cases = io::loadBenchCasesFile(test::sourcePath("bench/cases/zoo-16x16.yaml"));
        QVERIFY2(cases.ok(), qPrintable(formatAll(cases.diagnostics())));
        QCOMPARE(cases->size(), std::size_t{22});
        const Project& first = cases->front();
        QCOMPARE(first.name, std::string("alex_net-b16-inference"));
        QCOMPARE(first.batch, 16);
        QCOMPARE(first.options.preset, OptionsPreset::Inference);
        QVERIFY(first.options == optionsPreset(OptionsPreset::Inference));
        QVERIFY(fs::exists(first.networkPath));
        QVERIFY(fs::equivalent(first.networkPath, test::sourcePath("sample_projects/networks/alex_net.yaml")));
        QVERIFY(fs::equivalent(first.architecturePath,
                               test::sourcePath("sample_projects/architectures/kapla-multi-node-16x16.yaml")));
        QVERIFY(first.optionsPath.empty());
        QVERIFY(!first.network.layers().empty());
        const Project& training = cases.value()[1];
        QCOMPARE(training.name, std::string("alex_net_bp-b16-training"));
        QCOMPARE(training.options.preset, OptionsPreset::Training);
        QCOMPARE(cases->back().name, std::string("zfnet_bp-b16-training"));
    }

    void defaultsAndGeneratedNames()
    {
        QTemporaryDir dir;
        const fs::path root = caseDir(dir);
        const auto cases = io::parseBenchCases("version: 1\n"
                                               "defaults:\n"
                                               "  architecture: arch.yaml\n"
                                               "  options: training\n"
                                               "cases:\n"
                                               "  - {network: net.yaml, batch: 8}\n"
                                               "  - {network: net.yaml, batch: 4, options: opts/fast.yaml}\n"
                                               "  - {network: net.yaml, batch: 2, options: {goal: d}}\n"
                                               "  - {name: mine, network: net.yaml, batch: 1, options: inference}\n",
                                               "cases.yaml", root.string());
        QVERIFY2(cases.ok(), qPrintable(formatAll(cases.diagnostics())));
        QCOMPARE(cases->size(), std::size_t{4});
        const auto& c = cases.value();
        QCOMPARE(c[0].name, std::string("net-b8-training"));
        QCOMPARE(c[0].batch, 8);
        QCOMPARE(c[0].options.preset, OptionsPreset::Training);
        QCOMPARE(c[0].architecturePath, (root / "arch.yaml").string());
        QCOMPARE(c[0].networkPath, (root / "net.yaml").string());
        QCOMPARE(c[1].name, std::string("net-b4-fast"));
        QCOMPARE(c[1].optionsPath, (root / "opts" / "fast.yaml").string());
        QCOMPARE(c[1].options.goal, Goal::EnergyDelay);
        QCOMPARE(c[2].name, std::string("net-b2-custom"));
        QCOMPARE(c[2].options.goal, Goal::Delay);
        QVERIFY(c[2].optionsPath.empty());
        QCOMPARE(c[3].name, std::string("mine"));
        QCOMPARE(c[3].options.preset, OptionsPreset::Inference);
    }

    void emptyDefaults()
    {
        QTemporaryDir dir;
        const fs::path root = caseDir(dir);
        const auto cases = io::parseBenchCases("defaults:\n  # batch: 16\ncases:\n"
                                               "  - {network: net.yaml, batch: 3, architecture: arch.yaml}\n",
                                               "cases.yaml", root.string());
        QVERIFY2(cases.ok(), qPrintable(formatAll(cases.diagnostics())));
        QCOMPARE(cases->front().name, std::string("net-b3-default"));
        QVERIFY(cases->front().options == optionsPreset(OptionsPreset::Default));
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("message");
        const QString head = "version: 1\ndefaults:\n  batch: 16\n  architecture: arch.yaml\ncases:\n";
        QTest::newRow("unknown key") << head + "  - network: net.yaml\n    optons: inference\n"
                                     << 7 << 5 << "cases[0].optons"
                                     << "unknown key `optons`; did you mean `options`?";
        QTest::newRow("negative batch")
            << head + "  - {name: a, network: net.yaml}\n  - {network: net.yaml, batch: -3}\n"
            << 7 << 32 << "cases[1].batch"
            << "expected an integer between 1 and 1000000000, got -3";
        QTest::newRow("missing network")
            << head + "  - name: lonely\n    options: training\n"
            << 6 << 5 << "cases[0].network"
            << "missing required key `network`; expected it in the case or under `defaults:`";
        QTest::newRow("batch not a number") << head + "  - {network: net.yaml, batch: sixteen}\n"
                                            << 6 << 32 << "cases[0].batch"
                                            << "expected an integer, got 'sixteen'";
        QTest::newRow("name not text") << head + "  - network: net.yaml\n    name: [a, b]\n"
                                       << 7 << 11 << "cases[0].name"
                                       << "expected a text value, got a list";
        QTest::newRow("case not a mapping") << head + "  - net.yaml\n"
                                            << 6 << 5 << "cases[0]"
                                            << "expected a mapping (allowed keys: `name`, `network`, `batch`, "
                                               "`architecture` or `options`), got 'net.yaml'";
        QTest::newRow("cases not a list") << "version: 1\ncases: net.yaml\n"
                                          << 2 << 8 << "cases"
                                          << "expected a list of cases (mappings with network, batch, architecture "
                                             "and options)";
        QTest::newRow("unknown preset") << head + "  - {network: net.yaml, options: {preset: fast}}\n"
                                        << 6 << 43 << "cases[0].options.preset"
                                        << "expected `default`, `inference` or `training`, got 'fast'";
        QTest::newRow("missing file") << head + "  - {network: nets/none.yaml}\n"
                                      << 6 << 15 << "cases[0].network"
                                      << "nets/none.yaml' does not exist";
        QTest::newRow("unknown top-level key")
            << head + "  - {network: net.yaml}\nmodel: x\n"
            << 7 << 1 << "model"
            << "unknown key `model`; expected one of `version`, `defaults` or `cases`";
        QTest::newRow("bad default once") << "version: 1\ndefaults: {batch: 0, architecture: arch.yaml}\ncases:\n"
                                             "  - {network: net.yaml}\n  - {network: net.yaml}\n"
                                          << 2 << 19 << "defaults.batch"
                                          << "expected an integer between 1 and 1000000000, got 0";
        QTest::newRow("version") << QString("version: 2\ncases: []\n") << 1 << 10 << "version"
                                 << "unsupported version 2; this build reads version 1";
    }
    void malformed()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, key);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const fs::path file = caseDir(dir) / "cases.yaml";
        writeText(file, text.toStdString());
        const auto cases = io::loadBenchCasesFile(file.string());
        QVERIFY(!cases.ok());
        const Diagnostics& diags = cases.diagnostics();
        QVERIFY2(diags.size() == 1, qPrintable(formatAll(diags)));
        const Diagnostic& d = diags.front();
        QCOMPARE(d.severity, Severity::Error);
        QCOMPARE(d.location.file, file.string());
        QCOMPARE(d.location.line, line);
        QCOMPARE(d.location.column, column);
        QCOMPARE(QString::fromStdString(d.key), key);
        QVERIFY2(QString::fromStdString(d.message).contains(message), qPrintable(formatAll(diags)));
    }

    void invalidIncludedNetwork()
    {
        QTemporaryDir dir;
        const fs::path root = caseDir(dir);
        writeText(root / "broken.yaml", "version: 1\nnetwork:\n  layers: 3\n");
        writeText(root / "cases.yaml", "cases:\n  - {network: broken.yaml, batch: 1, architecture: arch.yaml}\n");
        const auto cases = io::loadBenchCasesFile((root / "cases.yaml").string());
        QVERIFY(!cases.ok());
        const Diagnostics& diags = cases.diagnostics();
        QVERIFY2(diags.size() >= 2, qPrintable(formatAll(diags)));
        // The network file's own errors first, then where the cases file included it.
        QCOMPARE(diags.front().location.file, (root / "broken.yaml").string());
        const Diagnostic& last = diags.back();
        QCOMPARE(last.location.file, (root / "cases.yaml").string());
        QCOMPARE(last.location.line, 2);
        QCOMPARE(last.location.column, 15);
        QCOMPARE(last.key, std::string("cases[0].network"));
        QVERIFY(last.message.find("is invalid") != std::string::npos);
    }

    void unreadableFile()
    {
        const auto cases = io::loadBenchCasesFile("/nonexistent/cases.yaml");
        QVERIFY(!cases.ok());
        QCOMPARE(cases.diagnostics().size(), std::size_t{1});
        QCOMPARE(cases.diagnostics().front().location.line, 1);
    }
};

QTEST_APPLESS_MAIN(TestBenchCasesIo)
#include "tst_bench_cases_io.moc"
