#pragma once
// ONNX models with one thing wrong each, for the importer's and the command line's error tests.

#include "onnx_builder.h"

namespace kapla::test {

/// conv1 -> relu1 -> node 'mystery' -> conv2. `sameShape`: a custom-domain operator whose declared
/// output keeps the input's shape; else a Resize that doubles the fmap size.
OnnxBuilder unsupportedModel(bool sameShape);
/// A conv whose input has no shape at all.
OnnxBuilder missingShapeModel();
/// Two nodes, 'a' (Add) and 'b' (Relu), feeding each other.
OnnxBuilder cycleModel();
/// A value info declares conv1's output with 6 channels; its weights give 4.
OnnxBuilder contradictoryShapeModel();
/// A MaxPool 'pool1' without its required kernel_shape.
OnnxBuilder missingAttributeModel();

} // namespace kapla::test
