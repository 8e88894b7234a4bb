#include "cost/evaluation.h"

namespace kapla {

EnergyBreakdown& EnergyBreakdown::operator+=(const EnergyBreakdown& o)
{
    op += o.op;
    dram += o.dram;
    gbuf += o.gbuf;
    itcn += o.itcn;
    regf += o.regf;
    noc += o.noc;
    stat += o.stat;
    return *this;
}

} // namespace kapla
