// The per-layer CSV and the evaluation JSON on pipelined samples: every CSV energy column sums to
// the network total (static energy includes the pipeline's idle time), and the JSON carries the
// segment timing (start/done per layer, batch groups, segment starts).
#include "cost/evaluator.h"
#include "io/project_io.h"
#include "io/schedule_io.h"
#include "report/evaluation_csv.h"
#include "report/evaluation_json.h"
#include "test_paths.h"

#include <QtTest>

#include <cmath>
#include <sstream>

using namespace kapla;

namespace {

Evaluation evaluate(const std::string& projectRel, const std::string& scheduleRel)
{
    const Project project = io::loadProjectFile(test::sourcePath(projectRel)).value();
    const Schedule schedule = io::loadScheduleFile(test::sourcePath(scheduleRel)).value();
    auto eval = evaluateSchedule(ResolvedProject::resolve(project).value(), schedule);
    if (!eval)
        qFatal("%s does not fit: %s", scheduleRel.c_str(), eval.diagnostics().front().message.c_str());
    return std::move(eval).value();
}

// Splits a CSV line, honouring quoted fields.
QStringList csvFields(const QString& line)
{
    QStringList out;
    QString current;
    bool quoted = false;
    for (const QChar c : line) {
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (c == QLatin1Char(',') && !quoted)
            out << std::exchange(current, QString());
        else
            current += c;
    }
    out << current;
    return out;
}

bool close(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

void addSamples()
{
    QTest::addColumn<QString>("project");
    QTest::addColumn<QString>("schedule");
    QTest::addColumn<bool>("idle"); ///< pipelined by batch groups, with idle static energy
    QTest::newRow("setup C (fc1 | fc2 pipelined)") << "sample_projects/golden/setup-c-mlp_s-b16.yaml"
                                                   << "tests/data/schedules/setup-c-mlp_s-b16.yaml" << false;
    QTest::newRow("AlexNet 16x16") << "sample_projects/alexnet-16x16.yaml"
                                   << "docs/images/alexnet-16x16-exhaustive.yaml" << true;
}

} // namespace

class TestEvaluationReport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void csvColumnsSumToTotals_data() { addSamples(); }
    void csvColumnsSumToTotals()
    {
        QFETCH(QString, project);
        QFETCH(QString, schedule);
        QFETCH(bool, idle);
        const Evaluation eval = evaluate(project.toStdString(), schedule.toStdString());
        // The case this is about: the layers' own static energy misses the pipeline's idle time.
        double ownStatic = 0;
        for (const auto& l : eval.layers)
            ownStatic += l.energy.stat;
        QCOMPARE(!close(ownStatic, eval.breakdown.stat), idle);

        const QStringList lines = QString::fromStdString(evaluationCsv(eval)).trimmed().split(QLatin1Char('\n'));
        const QStringList header = csvFields(lines.front());
        QCOMPARE(lines.size(), static_cast<qsizetype>(eval.layers.size() + 1));
        const double expected[] = {eval.breakdown.op,   eval.breakdown.dram, eval.breakdown.gbuf, eval.breakdown.itcn,
                                   eval.breakdown.regf, eval.breakdown.noc,  eval.breakdown.stat, eval.totalCost};
        const char* columns[] = {"op", "dram", "gbuf", "itcn", "regf", "noc", "static", "energy"};
        for (std::size_t c = 0; c < std::size(columns); ++c) {
            const qsizetype column = header.indexOf(QLatin1String(columns[c]));
            QVERIFY(column >= 0);
            double sum = 0;
            for (qsizetype row = 1; row < lines.size(); ++row)
                sum += csvFields(lines[row]).at(column).toDouble();
            QVERIFY2(close(sum, expected[c]), qPrintable(QStringLiteral("%1: rows sum to %2, total %3")
                                                             .arg(QLatin1String(columns[c]))
                                                             .arg(sum, 0, 'g', 17)
                                                             .arg(expected[c], 0, 'g', 17)));
        }
    }

    void jsonHasSegmentTiming_data() { addSamples(); }
    void jsonHasSegmentTiming()
    {
        QFETCH(QString, project);
        QFETCH(QString, schedule);
        QFETCH(bool, idle);
        const Evaluation eval = evaluate(project.toStdString(), schedule.toStdString());
        const nlohmann::json j = evaluationJson(eval, {}, "pJ");
        QCOMPARE(j["layers"].size(), eval.layers.size());
        QCOMPARE(j["segments"].size(), eval.segments.size());
        std::int64_t start = 0;
        bool pipelined = false;
        for (std::size_t s = 0; s < eval.segments.size(); ++s) {
            const auto& seg = j["segments"][s];
            QCOMPARE(seg["start_time"].get<std::int64_t>(), start);
            QCOMPARE(seg["batch_groups"].get<int>(), eval.segments[s].batchGroups);
            pipelined = pipelined || eval.segments[s].batchGroups > 1;
            start += eval.segments[s].time;
        }
        QCOMPARE(start, eval.totalTime);
        QCOMPARE(pipelined, idle);
        for (std::size_t i = 0; i < eval.layers.size(); ++i) {
            const auto& l = j["layers"][i];
            const LayerEvaluation& e = eval.layers[i];
            QCOMPARE(l["start_time"].get<std::int64_t>(), e.startTime);
            QCOMPARE(l["done_time"].get<std::int64_t>(), e.doneTime);
            QVERIFY(l["done_time"].get<std::int64_t>() > l["start_time"].get<std::int64_t>());
            QVERIFY(l["done_time"].get<std::int64_t>() <= eval.segments[static_cast<std::size_t>(e.segment)].time);
            QCOMPARE(l["batch_groups"].get<int>(), eval.segments[static_cast<std::size_t>(e.segment)].batchGroups);
        }
    }
};

QTEST_APPLESS_MAIN(TestEvaluationReport)
#include "tst_evaluation_report.moc"
