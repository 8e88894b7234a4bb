#include "session/file_text.h"

#include "io/project_io.h"

#include <QDir>
#include <QFile>

QString networkYamlText(const kapla::Network& network)
{
    return QString::fromStdString(kapla::io::networkToYaml(network));
}

kapla::Result<kapla::Network> parseNetworkText(const QString& text)
{
    return kapla::io::parseNetwork(text.toStdString(), "network");
}

std::vector<ArchitecturePreset> architecturePresets()
{
    std::vector<ArchitecturePreset> presets;
    const QDir dir(QStringLiteral(":/kapla/architectures"));
    for (const QString& name : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        auto spec = kapla::io::parseArchitecture(file.readAll().toStdString(), name.toStdString());
        if (spec)
            presets.push_back({name, std::move(spec).value()});
    }
    return presets;
}
