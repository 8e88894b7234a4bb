#include "onnx_bad_models.h"

namespace kapla::test {

namespace {

void declareShape(OnnxBuilder& b, const std::string& tensor, const std::vector<std::int64_t>& dims)
{
    auto* v = b.graph().add_value_info();
    v->set_name(tensor);
    auto* t = v->mutable_type()->mutable_tensor_type();
    t->set_elem_type(::onnx::TensorProto::FLOAT);
    for (const auto d : dims)
        t->mutable_shape()->add_dim()->set_dim_value(d);
}

} // namespace

OnnxBuilder unsupportedModel(bool sameShape)
{
    OnnxBuilder b("unsupported");
    const std::string x = b.unary("Relu", "relu1", b.conv("conv1", b.input("x", {3, 16, 16}), 8, 3, 1, 1));
    const std::string y = "mystery_out";
    auto& n = b.node(sameShape ? "Swizzle" : "Resize", "mystery", {x}, {y});
    if (sameShape) {
        // A custom operator has no schema: exporters declare its output shape.
        n.set_domain("com.example");
        auto* o = b.model().add_opset_import();
        o->set_domain("com.example");
        o->set_version(1);
        declareShape(b, y, {1, 8, 16, 16});
        b.setDims(y, {8, 16, 16});
    } else {
        // Resize by scales (1, 1, 2, 2): ONNX infers the doubled output shape.
        auto* scales = b.graph().add_initializer();
        scales->set_name("scales");
        scales->set_data_type(::onnx::TensorProto::FLOAT);
        scales->add_dims(4);
        for (const float s : {1.0f, 1.0f, 2.0f, 2.0f})
            scales->add_float_data(s);
        n.add_input("");
        n.add_input("scales");
        b.setDims(y, {8, 32, 32});
    }
    b.output(b.conv("conv2", y, 4, 3, 1, 1));
    return b;
}

OnnxBuilder missingShapeModel()
{
    OnnxBuilder b("noshape");
    b.output(b.conv("conv1", b.input("x", {3, 8, 8}), 4, 3));
    b.graph().mutable_input(0)->mutable_type()->mutable_tensor_type()->clear_shape();
    return b;
}

OnnxBuilder cycleModel()
{
    OnnxBuilder b("cycle");
    const std::string x = b.input("x", {4, 8, 8});
    b.node("Add", "a", {x, "b_out"}, {"a_out"});
    b.node("Relu", "b", {"a_out"}, {"b_out"});
    b.output("b_out");
    return b;
}

OnnxBuilder contradictoryShapeModel()
{
    OnnxBuilder b("chain");
    const std::string y = b.conv("conv1", b.input("x", {3, 8, 8}), 4, 3, 1, 1);
    declareShape(b, y, {1, 6, 8, 8});
    b.output(b.unary("Relu", "relu", y));
    return b;
}

OnnxBuilder missingAttributeModel()
{
    OnnxBuilder b("attr");
    b.output(b.maxPool("pool1", b.input("x", {3, 8, 8}), 2, 2));
    auto* pool = b.graph().mutable_node(0);
    pool->mutable_attribute()->erase(pool->mutable_attribute()->begin()); // kernel_shape comes first
    return b;
}

} // namespace kapla::test
