#pragma once
// Well-known networks built as ONNX graphs in code (there is no model download here), with the node
// names of the hand-written zoo files in sample_projects/networks, so an import reads like them.

#include "onnx_builder.h"

namespace kapla::test {

/// Where a ResNet bottleneck that halves the fmap puts its stride.
enum class ResNetStride {
    OnFirst1x1, ///< the original ResNet (He et al., Caffe) and the zoo's resnet50.yaml
    On3x3,      ///< torchvision's resnet50 ("ResNet v1.5")
};

/// ResNet-50 in the torchvision layout (conv1 7x7/2, maxpool 3x3/2, bottleneck stages [3, 4, 6, 3],
/// global average pool, fc) with batch normalisation and ReLU after each convolution.
OnnxBuilder resnet50(ResNetStride stride);
/// VGG-16 as torchvision has it (13 convolutions, 5 max pools, 3 fully-connected layers with dropout).
OnnxBuilder vgg16();
/// MobileNet v1 (depthwise-separable blocks) at width 1.0 and 224x224.
OnnxBuilder mobilenet();
/// AlexNet with its original grouped convolutions (conv2, conv4, conv5 in 2 groups), without LRN.
OnnxBuilder alexnetGrouped();

} // namespace kapla::test
