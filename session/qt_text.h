#pragma once
// Core's text and figures as QString for the models and views: core writes UTF-8 std::string, and a
// figure shown in several places should read the same in all of them.

#include "model/phy_dim2.h"
#include "util/text_format.h"

#include <QString>

#include <cstdint>
#include <string>

/// Core's UTF-8 text as a QString.
inline QString toQString(const std::string& text) { return QString::fromStdString(text); }

/// A whole number with its digits grouped in threes, "725,508,992".
inline QString groupDigitsText(std::int64_t value) { return toQString(kapla::groupDigits(value)); }

/// A mesh, array or fmap size as "h × w".
inline QString dimText(kapla::PhyDim2 d) { return QStringLiteral("%1 × %2").arg(d.h).arg(d.w); }
