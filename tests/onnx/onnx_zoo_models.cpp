#include "onnx_zoo_models.h"

#include <string>

namespace kapla::test {

namespace {

// Convolution, batch normalisation and (optionally) ReLU, as torchvision's blocks export.
std::string convBn(OnnxBuilder& b, const std::string& name, const std::string& x, int out, int k, int s, int p,
                   bool relu = true, int groups = 1)
{
    std::string y = b.conv(name, x, out, k, s, p, groups);
    y = b.unary("BatchNormalization", name + "_bn", y);
    return relu ? b.unary("Relu", name + "_relu", y) : y;
}

std::string bottleneck(OnnxBuilder& b, const std::string& x, int stage, int block, int width, int stride,
                       ResNetStride where)
{
    const std::string p = "conv" + std::to_string(stage) + "_" + std::to_string(block);
    const int s1 = where == ResNetStride::OnFirst1x1 ? stride : 1;
    const int s3 = where == ResNetStride::On3x3 ? stride : 1;
    std::string y = convBn(b, p + "_a", x, width, 1, s1, 0);
    y = convBn(b, p + "_b", y, width, 3, s3, 1);
    y = convBn(b, p + "_c", y, width * 4, 1, 1, 0, false);
    std::string shortcut = x;
    if (block == 0)
        shortcut = convBn(b, "conv" + std::to_string(stage) + "_br", x, width * 4, 1, stride, 0, false);
    // The zoo lists the shortcut first (prevs [conv2_br, conv2_0_c]); torchvision adds it second.
    const std::string sum = b.add(p + "_res", shortcut, y);
    return b.unary("Relu", p + "_relu", sum);
}

} // namespace

OnnxBuilder resnet50(ResNetStride stride)
{
    OnnxBuilder b("ResNet");
    std::string x = b.input("data", {3, 224, 224});
    x = convBn(b, "conv1", x, 64, 7, 2, 3);
    x = b.maxPool("pool1", x, 3, 2, 1);
    const int blocks[] = {3, 4, 6, 3};
    for (int stage = 0; stage < 4; ++stage)
        for (int block = 0; block < blocks[stage]; ++block)
            x = bottleneck(b, x, stage + 2, block, 64 << stage, stage > 0 && block == 0 ? 2 : 1, stride);
    x = b.globalAveragePool("pool5", x);
    x = b.flatten("flatten", x);
    b.output(b.gemm("fc", x, 1000));
    return b;
}

OnnxBuilder vgg16()
{
    OnnxBuilder b("VGG");
    std::string x = b.input("data", {3, 224, 224});
    const int widths[] = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};
    int conv = 0, pool = 0;
    for (const int w : widths) {
        if (w == 0) {
            x = b.maxPool("pool" + std::to_string(++pool), x, 2, 2);
            continue;
        }
        const std::string name = "conv" + std::to_string(++conv);
        x = b.unary("Relu", name + "_relu", b.conv(name, x, w, 3, 1, 1));
    }
    x = b.flatten("flatten", x);
    x = b.unary("Dropout", "drop1", b.unary("Relu", "fc1_relu", b.gemm("fc1", x, 4096)));
    x = b.unary("Dropout", "drop2", b.unary("Relu", "fc2_relu", b.gemm("fc2", x, 4096)));
    b.output(b.unary("Softmax", "prob", b.gemm("fc3", x, 1000)));
    return b;
}

OnnxBuilder mobilenet()
{
    OnnxBuilder b("MobileNet");
    std::string x = b.input("data", {3, 224, 224});
    x = convBn(b, "conv0", x, 32, 3, 2, 1);
    // (output channels, depthwise stride) of the 13 depthwise-separable blocks.
    const int blocks[][2] = {{64, 1},  {128, 2}, {128, 1}, {256, 2}, {256, 1},  {512, 2}, {512, 1},
                             {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};
    int channels = 32;
    for (int i = 0; i < 13; ++i) {
        const std::string n = std::to_string(i + 1);
        x = convBn(b, "dep_conv" + n, x, channels, 3, blocks[i][1], 1, true, channels);
        x = convBn(b, "point_conv" + n, x, blocks[i][0], 1, 1, 0);
        channels = blocks[i][0];
    }
    x = b.globalAveragePool("pooling13", x);
    x = b.reshape("reshape", x, {1024});
    b.output(b.gemm("fc", x, 1000));
    return b;
}

OnnxBuilder alexnetGrouped()
{
    OnnxBuilder b("AlexNet");
    std::string x = b.input("data", {3, 224, 224});
    x = b.unary("Relu", "relu1", b.conv("conv1", x, 96, 11, 4, 2));
    x = b.maxPool("pool1", x, 3, 2);
    x = b.unary("Relu", "relu2", b.conv("conv2", x, 256, 5, 1, 2, 2));
    x = b.maxPool("pool2", x, 3, 2);
    x = b.unary("Relu", "relu3", b.conv("conv3", x, 384, 3, 1, 1));
    x = b.unary("Relu", "relu4", b.conv("conv4", x, 384, 3, 1, 1, 2));
    x = b.unary("Relu", "relu5", b.conv("conv5", x, 256, 3, 1, 1, 2));
    x = b.maxPool("pool3", x, 3, 2);
    x = b.flatten("flatten", x);
    x = b.unary("Relu", "relu6", b.gemm("fc1", x, 4096));
    x = b.unary("Relu", "relu7", b.gemm("fc2", x, 4096));
    b.output(b.gemm("fc3", x, 1000));
    return b;
}

} // namespace kapla::test
