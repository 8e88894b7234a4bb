#pragma once
// Importing an ONNX model for the window: the core import with its report as text, and what the
// window needs to ask the user (unsupported operators) or show (the report, the skipped operators).

#include "model/network.h"

#include <QString>
#include <QStringList>

/// The outcome of importing one model file.
struct ModelImport {
    bool ok = false;
    kapla::Network network;
    int batch = 1;                ///< the batch the shapes were inferred at (the model's own, else 1)
    QString summary;              ///< the report summary (fixed-width text)
    QString listing;              ///< every operator, one line each
    QString headline;             ///< one line: layers, MACs covered, skipped operators
    QStringList skipped;          ///< "node 'x' (Resize): why; what took its place"
    QStringList errors;           ///< "file: error: ..." lines when !ok
    bool onlyUnsupported = false; ///< every error is an unsupported operator: skipping them would import
};

/// Imports `path`; `skipUnsupported` leaves unsupported operators out (listed in `skipped`).
ModelImport importOnnxModel(const QString& path, bool skipUnsupported);
