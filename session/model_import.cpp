#include "session/model_import.h"

#include "session/project_files.h"

#include "onnx_import/import_report.h"
#include "onnx_import/onnx_import.h"

#include "util/text_format.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

ModelImport importOnnxModel(const QString& path, bool skipUnsupported)
{
    namespace onnximport = kapla::onnximport;
    ModelImport out;
    onnximport::ImportOptions options;
    options.skipUnsupported = skipUnsupported;
    const auto result = onnximport::importModelFile(QFile::encodeName(path).toStdString(), options);
    if (!result) {
        out.errors = formatDiagnostics(result.diagnostics());
        const auto& diags = result.diagnostics();
        out.onlyUnsupported = std::all_of(diags.begin(), diags.end(), [](const kapla::Diagnostic& d) {
            return d.message.starts_with("unsupported operator");
        });
        return out;
    }
    const onnximport::Import& imported = result.value();
    const onnximport::ImportReport& r = imported.report;
    out.ok = true;
    out.network = imported.network;
    out.batch = r.batch;
    out.summary = QString::fromStdString(onnximport::reportSummary(imported));
    out.listing = QString::fromStdString(onnximport::operatorListing(r));
    for (const auto& op : r.operators)
        if (op.fate == onnximport::OperatorFate::Skipped)
            out.skipped.append(QStringLiteral("node '%1' (%2): %3")
                                   .arg(QString::fromStdString(op.node), QString::fromStdString(op.opType),
                                        QString::fromStdString(op.detail)));
    out.headline = QObject::tr("Imported %1: %2 layers, %3 MACs per sample, %4 of the model's")
                       .arg(QFileInfo(path).fileName())
                       .arg(imported.network.size())
                       .arg(QString::fromStdString(kapla::groupDigits(r.coveredMacs)),
                            QString::fromStdString(onnximport::coverageText(r)));
    if (!out.skipped.isEmpty())
        out.headline +=
            out.skipped.size() == 1
                ? QObject::tr("; 1 operator skipped (its work is not in the network)")
                : QObject::tr("; %1 operators skipped (their work is not in the network)").arg(out.skipped.size());
    return out;
}
