// Property: whatever text a name holds (quotes, backslashes, colons, `#`, outer spaces, Unicode,
// control characters, NUL, newlines, YAML's reserved words), save -> load gives the same names and
// save -> load -> save the same bytes, for networks, projects, runs and schedules.
#include "io/project_io.h"
#include "io/schedule_io.h"
#include "model/resolved_project.h"
#include "run/run.h"
#include "test_layers.h"
#include "test_paths.h"
#include "util/file_access.h"

#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace kapla;

namespace {

// Pieces names are made of: each is a known trouble-maker for a hand-written YAML writer.
const std::vector<std::string> kPieces{"a",
                                       "Z",
                                       "_",
                                       "0",
                                       "7",
                                       "-",
                                       ".",
                                       " ",
                                       ":",
                                       ": ",
                                       " #",
                                       "#",
                                       "\"",
                                       "'",
                                       "\\",
                                       "\\n",
                                       "/",
                                       ",",
                                       "[",
                                       "]",
                                       "{",
                                       "}",
                                       "&",
                                       "*",
                                       "!",
                                       "|",
                                       ">",
                                       "%",
                                       "@",
                                       "`",
                                       "?",
                                       "~",
                                       "---",
                                       "...",
                                       "\n",
                                       "\r",
                                       "\t",
                                       std::string(1, '\0'),
                                       "\x01",
                                       "\x1b",
                                       "\x7f",
                                       "é",
                                       "漢字",
                                       "🙂",
                                       "\xC2\x85",
                                       "\xE2\x80\xA8",
                                       "\xE2\x80\xA9",
                                       "\xEF\xBB\xBF",
                                       "true",
                                       "null",
                                       "inf",
                                       "yes",
                                       "0x1F",
                                       "1e3"};

// A random name of one to six pieces; `tag` keeps names of one network distinct.
std::string randomName(std::mt19937& rng, const std::string& tag)
{
    std::uniform_int_distribution<std::size_t> count(1, 6), piece(0, kPieces.size() - 1);
    std::string name;
    for (std::size_t i = count(rng); i > 0; --i)
        name += kPieces[piece(rng)];
    return std::bernoulli_distribution(0.5)(rng) ? name + tag : tag + name;
}

Network randomNetwork(std::mt19937& rng)
{
    Network net(randomName(rng, "n"), makeInputLayer(10, {1, 1}));
    std::string previous;
    for (int i = 0; i < 4; ++i) {
        const std::string name = randomName(rng, "#" + std::to_string(i));
        const Diagnostics d = net.add(name, test::fc(i == 0 ? 10 : 20, 20),
                                      previous.empty() ? std::vector<std::string>{} : std::vector{previous});
        if (!d.empty())
            qFatal("%s", d.front().format().c_str());
        previous = name;
    }
    return net;
}

Schedule randomSchedule(std::mt19937& rng, const Network& net)
{
    Schedule s;
    s.network = net.name();
    SegmentSchedule seg;
    for (const auto& l : net.layers()) {
        seg.groups.push_back({l.name});
        LayerSchedule ls;
        ls.layer = l.name;
        for (auto& level : ls.blocking.tvals)
            level = {1, 1, 1};
        ls.blocking.orders = {{{0, 1, 2}, {2, 1, 0}}};
        seg.layers.push_back(ls);
    }
    s.segments.push_back(seg);
    (void)rng;
    return s;
}

std::string firstError(const Diagnostics& d) { return d.empty() ? std::string() : d.front().format(); }

} // namespace

class TstYamlNames : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ArchitectureSpec m_arch;

private Q_SLOTS:
    void initTestCase()
    {
        auto arch = io::loadArchitectureFile(test::sourcePath("sample_projects/architectures/setup-b-4x4.yaml"));
        QVERIFY(arch.ok());
        m_arch = arch.value();
    }

    void networks()
    {
        std::mt19937 rng(1);
        for (int round = 0; round < 300; ++round) {
            const Network net = randomNetwork(rng);
            const std::string text = io::networkToYaml(net);
            const auto back = io::parseNetwork(text, "n.yaml");
            QVERIFY2(back.ok(), (firstError(back.diagnostics()) + "\n" + text).c_str());
            QCOMPARE(back->name(), net.name());
            QVERIFY(back.value() == net);
            QCOMPARE(io::networkToYaml(back.value()), text);
        }
    }

    void schedules()
    {
        std::mt19937 rng(2);
        for (int round = 0; round < 300; ++round) {
            const Schedule s = randomSchedule(rng, randomNetwork(rng));
            const std::string text = io::scheduleToYaml(s);
            const auto back = io::parseSchedule(text, "s.yaml");
            QVERIFY2(back.ok(), (firstError(back.diagnostics()) + "\n" + text).c_str());
            QVERIFY(back.value() == s);
            QCOMPARE(io::scheduleToYaml(back.value()), text);
        }
    }

    // Projects and runs go through files, as the program saves them.
    void projectsAndRuns()
    {
        std::mt19937 rng(3);
        const std::string projectPath = m_dir.filePath("p.yaml").toStdString();
        const std::string runPath = m_dir.filePath("r.yaml").toStdString();
        for (int round = 0; round < 100; ++round) {
            Project p;
            p.name = randomName(rng, "p");
            p.batch = 2;
            p.network = randomNetwork(rng);
            p.architecture = m_arch;
            p.architecture.name = randomName(rng, "a");
            const std::string text = io::projectToYaml(p, true);
            QVERIFY(writeFileText(projectPath, text).empty());
            const auto back = io::loadProjectFile(projectPath);
            QVERIFY2(back.ok(), (firstError(back.diagnostics()) + "\n" + text).c_str());
            QCOMPARE(back->name, p.name);
            QCOMPARE(back->architecture.name, p.architecture.name);
            QVERIFY(back->network == p.network);
            QCOMPARE(io::projectToYaml(back.value(), true), text);

            auto resolved = ResolvedProject::resolve(back.value());
            QVERIFY(resolved.ok());
            Run run(std::move(resolved).value());
            run.termination = Termination::NoSchedule;
            run.label = randomName(rng, "l");
            run.message = randomName(rng, "m");
            run.date = "2025-01-02T03:04:05";
            const std::string runText = io::runToYaml(run);
            QVERIFY(writeFileText(runPath, runText).empty());
            const auto runBack = io::loadRunFile(runPath);
            QVERIFY2(runBack.ok(), (firstError(runBack.diagnostics()) + "\n" + runText).c_str());
            QCOMPARE(runBack.value()->label, run.label);
            QCOMPARE(runBack.value()->message, run.message);
            QCOMPARE(io::runToYaml(*runBack.value()), runText);
        }
    }
};

QTEST_APPLESS_MAIN(TstYamlNames)
#include "tst_yaml_names.moc"
