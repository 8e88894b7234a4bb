#pragma once
// The editors' way to files and file text: they read and write through the session, which alone
// talks to core/io.

#include "model/architecture.h"
#include "model/network.h"
#include "util/diagnostic.h"

#include <QString>

#include <vector>

/// The network as the YAML text of a network file.
QString networkYamlText(const kapla::Network& network);
/// Parses the text of a network file; the diagnostics carry line and column in the text.
kapla::Result<kapla::Network> parseNetworkText(const QString& text);

/// An architecture preset shipped with the program.
struct ArchitecturePreset {
    QString file; ///< its file name under sample_projects/architectures
    kapla::ArchitectureSpec spec;
};
/// The presets compiled into the program (":/kapla/architectures/*.yaml"), by file name; one that
/// does not parse is left out.
std::vector<ArchitecturePreset> architecturePresets();
