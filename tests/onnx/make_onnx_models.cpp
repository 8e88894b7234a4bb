// make_onnx_models DIR: writes the sample ONNX models of the import tests to DIR (resnet50.onnx,
// resnet50-v1.5.onnx, vgg16.onnx, mobilenet.onnx, alexnet-grouped.onnx, and resize-unsupported.onnx
// with an operator the network has no layer for), to try `kapla import` and the window's import on.

#include "onnx_bad_models.h"
#include "onnx_zoo_models.h"

#include <cstdio>
#include <string>

int main(int argc, char** argv)
{
    if (argc != 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
        std::fprintf(argc == 2 ? stdout : stderr, "usage: make_onnx_models DIR\n");
        return argc == 2 ? 0 : 1;
    }
    using namespace kapla::test;
    const std::string dir = argv[1];
    const struct {
        const char* file;
        OnnxBuilder model;
    } models[] = {
        {"resnet50.onnx", resnet50(ResNetStride::OnFirst1x1)},
        {"resnet50-v1.5.onnx", resnet50(ResNetStride::On3x3)},
        {"vgg16.onnx", vgg16()},
        {"mobilenet.onnx", mobilenet()},
        {"alexnet-grouped.onnx", alexnetGrouped()},
        {"resize-unsupported.onnx", unsupportedModel(false)},
    };
    for (const auto& m : models) {
        const std::string path = dir + "/" + m.file;
        if (!m.model.save(path)) {
            std::fprintf(stderr, "make_onnx_models: cannot write %s\n", path.c_str());
            return 1;
        }
        std::printf("%s\n", path.c_str());
    }
    return 0;
}
