#!/usr/bin/env python3
"""Generate KAPLA Studio's sample data files.

Writes (relative to the repository root):
  sample_projects/networks/<module>.yaml     the 22 networks of the nn_dataflow/KAPLA zoo
  sample_projects/architectures/*.yaml       explicit (Setup A/B) and KAPLA-JSON hardware
  sample_projects/golden/*.yaml              reference end-to-end setups (expected totals inside)
  sample_projects/*.yaml                     newcomer projects
  tests/data/zoo_checksums.tsv               module, name, layer count, MACs per sample

Python 3 standard library only. Everything is encoded in this file: the layer tables of
the model specification (section 6.4; `TABLES` at the end) and the generation rules for
the long / structured networks (section 6.2: ResNet, GoogLeNet inceptions, MobileNet,
LSTM cells and their back-propagation counterparts). The build never needs this script;
it is a developer tool to regenerate and re-verify the committed files.

Every network is rebuilt through an implementation of the layer shape rules (section 1):
input size of each layer type (valid-convolution size, backward "reverse" sizes),
ops per sample, the channel-concatenation check (sum of the prevs' nofm == nifm) and
the valid-padding check. Then, for every network:
  * every layer with a table row must match it in name, type, nifm, nofm, sofm, sifm,
    filter/region, stride, prevs and MACs (batch 1);
  * networks that have both a full table and a generation rule are built both ways and
    must be identical;
  * the layer count and the total MACs per sample must equal the checksums of section 6.1.
Any mismatch aborts with a non-zero exit status before anything is written.

Usage:
  python3 tools/gen_zoo.py            # verify, then (re)write the files that changed
  python3 tools/gen_zoo.py --check    # verify, write nothing, exit 1 if a file is stale
  python3 tools/gen_zoo.py --root DIR # use DIR instead of the repository root
"""

import argparse
import os
import re
import sys
from collections import OrderedDict

INPUT = '__INPUT__'


class ZooError(Exception):
    pass


def fail(msg):
    raise ZooError(msg)


def check(cond, msg):
    if not cond:
        fail(msg)


# ---------------------------------------------------------------------------
# Section 6.1: module -> (Network name, layer count, total MACs per sample)
# ---------------------------------------------------------------------------

ZOO = OrderedDict([
    ('alex_net',      ('AlexNet',     19,  725508992)),
    ('zfnet',         ('ZFNet',       11,  2479873760)),
    ('vgg_net',       ('VGG',         21,  15476385792)),
    ('vgg19_net',     ('VGG19',       24,  19638183936)),
    ('googlenet',     ('GoogLeNet',   63,  1587096768)),
    ('resnet50',      ('ResNet',      72,  3870918656)),
    ('resnet152',     ('ResNet',      208, 11310614528)),
    ('mobilenet',     ('MobileNet',   29,  568790528)),
    ('mlp_s',         ('MLP-S',       3,   519500)),
    ('mlp_m',         ('MLP-M',       4,   1411500)),
    ('mlp_l',         ('MLP-L',       4,   3181000)),
    ('lstm_phoneme',  ('PHONEME',     10,  170100)),
    ('lstm_showtell', ('ShowTell',    9,   2101760)),
    ('lstm_gnmt',     ('GNMT',        33,  32033000)),
    ('alex_net_bp',   ('AlexNetBP',   55,  1854018016)),
    ('zfnet_bp',      ('ZFNetBP',     33,  6413920800)),
    ('vgg_net_bp',    ('VGGBP',       63,  43504971264)),
    ('mlp_l_bp',      ('MLP-LBP',     12,  9543000)),
    ('mobilenet_bp',  ('MobileNetBP', 87,  1701388608)),
    ('lstm_gnmt_bp',  ('GNMTBP',      102, 64082000)),
    ('resnet50_bp',   ('ResNetBP',    206, 9984097216)),
    ('googlenet_bp',  ('GoogLeNetBP', 229, 4969960224)),
])


# ---------------------------------------------------------------------------
# Section 1: layer types and shape rules
# ---------------------------------------------------------------------------

REQ = object()          # required parameter
SAME_AS_SREG = object() # pooling stride default

# kind -> ordered (key, default); the YAML `type` keys of docs/file-formats.md
KINDS = OrderedDict([
    ('conv', [('nifm', REQ), ('nofm', REQ), ('sofm', REQ), ('sfil', REQ), ('strd', 1)]),
    ('fc', [('nifm', REQ), ('nofm', REQ), ('sfil', 1)]),
    ('local_region', [('nofm', REQ), ('sofm', REQ), ('nreg', REQ), ('sreg', REQ),
                      ('ntrd', 1), ('strd', 1)]),
    ('pool', [('nofm', REQ), ('sofm', REQ), ('sreg', REQ), ('strd', SAME_AS_SREG)]),
    ('eltwise', [('nofm', REQ), ('sofm', REQ), ('nreg', REQ)]),
    ('dwconv', [('nofm', REQ), ('sofm', REQ), ('sfil', REQ), ('strd', 1)]),
    ('conv_back_act', [('nifm', REQ), ('nofm', REQ), ('sofm', REQ), ('sfil', REQ),
                       ('strd', 1), ('crop', False), ('raw_sofm', None)]),
    ('conv_back_weight', [('nifm', REQ), ('nofm', REQ), ('sofm', REQ), ('sfil', REQ),
                          ('strd', 1), ('crop', False), ('raw_sofm', None)]),
    ('fc_back_act', [('nifm', REQ), ('nofm', REQ), ('sfil', 1)]),
    ('fc_back_weight', [('nifm', REQ), ('nofm', REQ), ('sfil', 1)]),
    ('local_region_back', [('nofm', REQ), ('sofm', REQ), ('nreg', REQ), ('sreg', REQ),
                           ('ntrd', 1), ('strd', 1), ('crop', False), ('raw_sofm', None),
                           ('raw_nofm', None)]),
    ('pool_back', [('nofm', REQ), ('sofm', REQ), ('sreg', REQ), ('strd', SAME_AS_SREG)]),
    ('eltwise_back', [('nofm', REQ), ('sofm', REQ), ('nreg', REQ)]),
    ('dwconv_back_act', [('nofm', REQ), ('sofm', REQ), ('sfil', REQ), ('strd', 1),
                         ('crop', False), ('raw_sofm', None), ('raw_nofm', None)]),
    ('dwconv_back_weight', [('nofm', REQ), ('sofm', REQ), ('sfil', REQ), ('strd', 1),
                            ('crop', False), ('raw_sofm', None), ('raw_nofm', None)]),
])

# kind <-> type column of the spec tables
TABLE_TYPE = {
    'conv': 'Conv', 'fc': 'FC', 'local_region': 'LR', 'pool': 'Pool', 'eltwise': 'Eltw',
    'dwconv': 'DWConv', 'conv_back_act': 'ConvBA', 'conv_back_weight': 'ConvBW',
    'fc_back_act': 'FCBA', 'fc_back_weight': 'FCBW', 'local_region_back': 'LRB',
    'pool_back': 'PoolB', 'eltwise_back': 'EltwB', 'dwconv_back_act': 'DWBA',
    'dwconv_back_weight': 'DWBW',
}
KIND_OF_TABLE_TYPE = {v: k for k, v in TABLE_TYPE.items()}


def pair(v, what):
    if isinstance(v, bool):
        fail('%s must be an int or [h, w], got %r' % (what, v))
    if isinstance(v, int):
        return (v, v)
    if isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, int) for x in v):
        return tuple(v)
    fail('%s must be an int or [h, w], got %r' % (what, v))


def reverse_high(pos, length, fil, strd):
    """Spec section 0.3 (KAPLA): highest output index whose window covers input pos."""
    if (length - (pos + 1)) < fil:
        return (length - fil) // strd
    return pos // strd


class Layer(object):
    """A layer with its constructor parameters and derived geometry (section 1)."""

    def __init__(self, kind, **kw):
        check(kind in KINDS, 'unknown layer type %r' % kind)
        self.kind = kind
        params = OrderedDict()
        for key, default in KINDS[kind]:
            if key in kw:
                params[key] = kw.pop(key)
            elif default is REQ:
                fail('%s: missing parameter %r' % (kind, key))
            elif default is SAME_AS_SREG:
                params[key] = params['sreg']
            else:
                params[key] = default
        check(not kw, '%s: unknown parameters %s' % (kind, sorted(kw)))
        self.params = params
        self._derive()

    # -- geometry -----------------------------------------------------------
    def _derive(self):
        p = self.params
        k = self.kind
        if k in ('conv', 'fc', 'dwconv', 'conv_back_act', 'conv_back_weight',
                 'fc_back_act', 'fc_back_weight', 'dwconv_back_act', 'dwconv_back_weight'):
            sofm = p['sofm'] if 'sofm' in p else (p['sfil'] if k.startswith('fc_back') else 1)
            self.nofm = p['nofm']
            self.hofm, self.wofm = pair(sofm, 'sofm')
            hfil, wfil = pair(p['sfil'], 'sfil')
            self.hfil, self.wfil = hfil, wfil
            self.htrd, self.wtrd = pair(p.get('strd', 1), 'strd')
            if k in ('conv', 'fc'):
                self.nifm = p['nifm']
                self.hifm = hfil + (self.hofm - 1) * self.htrd
                self.wifm = wfil + (self.wofm - 1) * self.wtrd
                if k == 'fc':
                    check((self.hofm, self.wofm) == (1, 1), 'fc: ofmap must be 1x1')
                self.ops = self.nofm * self.hofm * self.wofm * hfil * wfil * self.nifm
            elif k == 'dwconv':
                self.nifm = self.nofm
                self.hifm = hfil + (self.hofm - 1) * self.htrd
                self.wifm = wfil + (self.wofm - 1) * self.wtrd
                self.ops = self.nofm * self.hofm * self.wofm * hfil * wfil
            else:
                # backward conv-like: input = incoming gradient (forward output side)
                self.nifm = p['nofm'] if k.startswith('dwconv') else p['nifm']
                if p.get('crop'):
                    raw = p.get('raw_sofm')
                    check(raw is not None, '%s: crop needs raw_sofm' % k)
                    rh, rw = pair(raw, 'raw_sofm')
                    self.hifm = reverse_high(self.hofm - 1, rh, hfil, self.htrd) + 1
                    self.wifm = reverse_high(self.wofm - 1, rw, wfil, self.wtrd) + 1
                else:
                    self.hifm = (self.hofm - hfil) // self.htrd + 1
                    self.wifm = (self.wofm - wfil) // self.wtrd + 1
                if k.startswith('dwconv'):
                    self.ops = self.nofm * self.hifm * self.wifm * hfil * wfil
                else:
                    self.ops = self.nofm * self.nifm * self.hifm * self.wifm * hfil * wfil
            self.nreg = self.ntrd = 1
            self.hreg, self.wreg = hfil, wfil
        else:
            # local-region family
            if k in ('pool', 'pool_back'):
                nreg, sreg, ntrd, strd = 1, p['sreg'], 1, p['strd']
            elif k in ('eltwise', 'eltwise_back'):
                nreg, sreg, ntrd, strd = p['nreg'], 1, p['nreg'], 1
            else:
                nreg, sreg, ntrd, strd = p['nreg'], p['sreg'], p['ntrd'], p['strd']
            self.nofm = p['nofm']
            self.hofm, self.wofm = pair(p['sofm'], 'sofm')
            self.hreg, self.wreg = pair(sreg, 'sreg')
            self.htrd, self.wtrd = pair(strd, 'strd')
            self.nreg, self.ntrd = nreg, ntrd
            check(not (nreg > 1 and self.hreg * self.wreg > 1),
                  '%s: region over channels and space at once' % k)
            if not k.endswith('_back'):
                self.nifm = self.nofm * ntrd
                self.hifm = self.hreg + (self.hofm - 1) * self.htrd
                self.wifm = self.wreg + (self.wofm - 1) * self.wtrd
                self.ops = self.nofm * self.hofm * self.wofm * nreg * self.hreg * self.wreg
            else:
                if p.get('crop'):
                    raw = p.get('raw_sofm')
                    rawn = p.get('raw_nofm')
                    check(raw is not None and rawn is not None,
                          '%s: crop needs raw_sofm and raw_nofm' % k)
                    rh, rw = pair(raw, 'raw_sofm')
                    self.nifm = reverse_high(self.nofm - 1, rawn, nreg, ntrd) + 1
                    self.hifm = reverse_high(self.hofm - 1, rh, self.hreg, self.htrd) + 1
                    self.wifm = reverse_high(self.wofm - 1, rw, self.wreg, self.wtrd) + 1
                else:
                    self.nifm = self.nofm // ntrd
                    self.hifm = (self.hofm - self.hreg) // self.htrd + 1
                    self.wifm = (self.wofm - self.wreg) // self.wtrd + 1
                self.ops = self.nofm * self.hifm * self.wifm * nreg * self.hreg * self.wreg
        for attr in ('nofm', 'hofm', 'wofm', 'htrd', 'wtrd', 'nifm', 'hifm', 'wifm'):
            check(isinstance(getattr(self, attr), int) and getattr(self, attr) > 0,
                  '%s %s: %s must be a positive int, got %r'
                  % (self.kind, dict(self.params), attr, getattr(self, attr)))

    def is_valid_padding_sifm(self, h, w):
        """Section 1.1: producer ofmap (h, w) may feed this layer (padding tolerated)."""
        lo_h, hi_h = sorted((self.hofm * self.htrd, self.hifm))
        lo_w, hi_w = sorted((self.wofm * self.wtrd, self.wifm))
        return lo_h <= h <= hi_h and lo_w <= w <= hi_w

    # -- spec-table rendering (for the cross-checks) -------------------------
    def table_reg(self):
        if self.hreg != self.wreg:
            s = '%dx%d' % (self.hreg, self.wreg)
        else:
            s = str(self.hreg)
        if self.nreg > 1 or self.ntrd > 1:
            s += ':n%d/t%d' % (self.nreg, self.ntrd)
        return s

    def table_strd(self):
        return str(self.htrd) if self.htrd == self.wtrd else '%dx%d' % (self.htrd, self.wtrd)

    # -- YAML ----------------------------------------------------------------
    def yaml_params(self):
        """Constructor parameters, omitting those equal to their defaults."""
        out = OrderedDict()
        for key, default in KINDS[self.kind]:
            v = self.params[key]
            if default is REQ:
                out[key] = v
            elif default is SAME_AS_SREG:
                if v != self.params['sreg']:
                    out[key] = v
            elif v != default:
                out[key] = v
        return out

    def key(self):
        return (self.kind, tuple(self.params.items()))


class InputLayer(object):
    def __init__(self, nofm, sofm):
        self.nofm = nofm
        self.hofm, self.wofm = pair(sofm, 'sofm')
        self.sofm = sofm
        check(nofm > 0 and self.hofm > 0 and self.wofm > 0, 'bad input layer')


class Network(object):
    """Section 1.4 container with the add() validation."""

    def __init__(self, name, nofm, sofm):
        self.name = name
        self.input = InputLayer(nofm, sofm)
        self.externals = OrderedDict()
        self.layers = OrderedDict()
        self.prevs = OrderedDict()

    def add_ext(self, name, nofm, sofm):
        check(name not in self.layers and name not in self.externals and name != INPUT,
              'duplicate external %r' % name)
        self.externals[name] = InputLayer(nofm, sofm)

    def producer(self, name):
        if name == INPUT:
            return self.input
        if name in self.externals:
            return self.externals[name]
        if name in self.layers:
            return self.layers[name]
        fail('%s: unknown prev %r' % (self.name, name))

    def add(self, name, layer, prevs=None):
        check(name not in self.layers and name not in self.externals and name != INPUT,
              '%s: duplicate layer name %r' % (self.name, name))
        if prevs is None:
            prevs = [next(reversed(self.layers))] if self.layers else [INPUT]
        elif isinstance(prevs, str):
            prevs = [prevs]
        prevs = list(prevs)
        check(prevs, '%s/%s: empty prevs' % (self.name, name))
        total = 0
        for p in prevs:
            src = self.producer(p)
            check(layer.is_valid_padding_sifm(src.hofm, src.wofm),
                  '%s/%s: prev %s ofmap %dx%d incompatible with ifmap %dx%d (ofmap %dx%d, '
                  'stride %dx%d)' % (self.name, name, p, src.hofm, src.wofm, layer.hifm,
                                     layer.wifm, layer.hofm, layer.wofm, layer.htrd, layer.wtrd))
            total += src.nofm
        check(total == layer.nifm, '%s/%s: prevs %s supply %d channels, layer needs nifm %d'
              % (self.name, name, prevs, total, layer.nifm))
        self.layers[name] = layer
        self.prevs[name] = prevs
        return name

    def total_ops(self):
        return sum(l.ops for l in self.layers.values())

    def structure(self):
        return ([(n, l.key(), tuple(self.prevs[n])) for n, l in self.layers.items()],
                [(n, e.nofm, (e.hofm, e.wofm)) for n, e in self.externals.items()],
                (self.input.nofm, self.input.hofm, self.input.wofm))


def conv(nifm, nofm, sofm, sfil, strd=1):
    return Layer('conv', nifm=nifm, nofm=nofm, sofm=sofm, sfil=sfil, strd=strd)


def fc(nifm, nofm, sfil=1):
    return Layer('fc', nifm=nifm, nofm=nofm, sfil=sfil)


def pool(nofm, sofm, sreg, strd=None):
    return Layer('pool', nofm=nofm, sofm=sofm, sreg=sreg, strd=sreg if strd is None else strd)


def eltwise(nofm, sofm, nreg):
    return Layer('eltwise', nofm=nofm, sofm=sofm, nreg=nreg)


def dwconv(nofm, sofm, sfil, strd=1):
    return Layer('dwconv', nofm=nofm, sofm=sofm, sfil=sfil, strd=strd)


def conv_ba(nifm, nofm, sofm, sfil, strd=1):
    return Layer('conv_back_act', nifm=nifm, nofm=nofm, sofm=sofm, sfil=sfil, strd=strd)


def conv_bw(nifm, nofm, sofm, sfil, strd=1):
    return Layer('conv_back_weight', nifm=nifm, nofm=nofm, sofm=sofm, sfil=sfil, strd=strd)


def fc_ba(nifm, nofm, sfil=1):
    return Layer('fc_back_act', nifm=nifm, nofm=nofm, sfil=sfil)


def fc_bw(nifm, nofm, sfil=1):
    return Layer('fc_back_weight', nifm=nifm, nofm=nofm, sfil=sfil)


def pool_back(nofm, sofm, sreg, strd=None):
    return Layer('pool_back', nofm=nofm, sofm=sofm, sreg=sreg,
                 strd=sreg if strd is None else strd)


def eltwise_back(nofm, sofm, nreg):
    return Layer('eltwise_back', nofm=nofm, sofm=sofm, nreg=nreg)


# ---------------------------------------------------------------------------
# Section 6.4 tables (TABLES at the end of this file)
# ---------------------------------------------------------------------------

class Table(object):
    def __init__(self, module, excerpt):
        self.module = module
        self.excerpt = excerpt
        self.input = None
        self.externals = []
        self.rows = []     # dicts


def parse_tables(text):
    tables = OrderedDict()
    cur = None
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith('@'):
            parts = line[1:].split()
            cur = Table(parts[0], parts[1:] == ['excerpt'])
            check(cur.module not in tables, 'table %s twice' % cur.module)
            tables[cur.module] = cur
            continue
        f = line.split()
        if f[0] == 'input':
            cur.input = (int(f[1]), int(f[2]))
        elif f[0] == 'ext':
            cur.externals.append((f[1], int(f[2]), int(f[3])))
        else:
            check(len(f) == 11, 'TABLES line %d: expected 11 fields: %r' % (lineno, line))
            cur.rows.append(dict(idx=int(f[0]), name=f[1], type=f[2], nifm=int(f[3]),
                                 nofm=int(f[4]), sofm=f[5], sifm=f[6], reg=f[7], strd=f[8],
                                 prevs=f[9].split(','), macs=int(f[10])))
    for t in tables.values():
        check(t.module in ZOO, 'table for unknown module %s' % t.module)
        if not t.excerpt:
            check([r['idx'] for r in t.rows] == list(range(len(t.rows))),
                  '%s: table rows not numbered 0..n-1' % t.module)
    return tables


def parse_reg(s):
    """'3' -> (3, 1, 1); '1:n2/t2' -> (1, 2, 2)."""
    m = re.match(r'^(\d+)(?::n(\d+)/t(\d+))?$', s)
    check(m, 'bad fil/reg field %r' % s)
    return int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)


def layer_from_row(r):
    """Constructor parameters from a spec-table row (the inverse of the shape rules)."""
    t = r['type']
    check(t in KIND_OF_TABLE_TYPE, 'unknown table type %r' % t)
    kind = KIND_OF_TABLE_TYPE[t]
    reg, nreg, ntrd = parse_reg(r['reg'])
    strd = int(r['strd'])
    sofm = int(r['sofm'])
    if kind in ('conv', 'conv_back_act', 'conv_back_weight'):
        return Layer(kind, nifm=r['nifm'], nofm=r['nofm'], sofm=sofm, sfil=reg, strd=strd)
    if kind in ('fc', 'fc_back_act', 'fc_back_weight'):
        return Layer(kind, nifm=r['nifm'], nofm=r['nofm'], sfil=reg)
    if kind in ('dwconv', 'dwconv_back_act', 'dwconv_back_weight'):
        return Layer(kind, nofm=r['nofm'], sofm=sofm, sfil=reg, strd=strd)
    if kind in ('pool', 'pool_back'):
        check(nreg == 1 and ntrd == 1, 'pool with nreg/ntrd')
        return Layer(kind, nofm=r['nofm'], sofm=sofm, sreg=reg, strd=strd)
    if kind in ('eltwise', 'eltwise_back'):
        check(reg == 1 and strd == 1 and nreg == ntrd, 'eltwise with region/stride')
        return Layer(kind, nofm=r['nofm'], sofm=sofm, nreg=nreg)
    return Layer(kind, nofm=r['nofm'], sofm=sofm, nreg=nreg, sreg=reg, ntrd=ntrd, strd=strd)


def resolve_prev(tok, names, idx):
    if tok == '^':
        check(idx > 0, 'row 0 refers to ^')
        return names[idx - 1]
    if tok == 'IN':
        return INPUT
    return tok


def build_from_table(t):
    check(not t.excerpt, '%s: only an excerpt is tabulated' % t.module)
    name = ZOO[t.module][0]
    net = Network(name, *t.input)
    for e in t.externals:
        net.add_ext(*e)
    names = []
    for r in t.rows:
        prevs = [resolve_prev(tok, names, r['idx']) for tok in r['prevs']]
        net.add(r['name'], layer_from_row(r), prevs)
        names.append(r['name'])
    return net


def check_against_table(net, t, rows=None, offset=0, label=None):
    """Every tabulated row must match the built network's layer at the same index
    (shifted by `offset` when rows of a sibling network's table are reused)."""
    names = list(net.layers)
    label = label or t.module
    if rows is None and t.input is not None:
        check((net.input.nofm, net.input.hofm) == t.input and net.input.hofm == net.input.wofm,
              '%s: input layer differs from the table' % t.module)
        check([(n, e.nofm, e.hofm) for n, e in net.externals.items()] == t.externals,
              '%s: external layers differ from the table' % t.module)
    rows = t.rows if rows is None else rows
    for r in rows:
        where = '%s row %d (%s)' % (label, r['idx'], r['name'])
        idx = r['idx'] + offset
        check(idx < len(names), '%s: network has only %d layers' % (where, len(names)))
        lname = names[idx]
        layer = net.layers[lname]
        check(lname == r['name'], '%s: layer is named %r' % (where, lname))
        got = OrderedDict([
            ('type', TABLE_TYPE[layer.kind]), ('nifm', layer.nifm), ('nofm', layer.nofm),
            ('sofm', str(layer.hofm) if layer.hofm == layer.wofm
             else '%dx%d' % (layer.hofm, layer.wofm)),
            ('sifm', str(layer.hifm) if layer.hifm == layer.wifm
             else '%dx%d' % (layer.hifm, layer.wifm)),
            ('reg', layer.table_reg()), ('strd', layer.table_strd()),
            ('prevs', net.prevs[lname]), ('macs', layer.ops)])
        want = dict(r)
        want['prevs'] = [resolve_prev(tok, names, idx) for tok in r['prevs']]
        for k, v in got.items():
            check(v == want[k], '%s: %s is %r, the table says %r' % (where, k, v, want[k]))
    return len(rows)


def check_resnet152(net, t50):
    """resnet152 has no table; it shares its head (conv1 .. conv2_2_res, rows 0-14) and its
    tail (conv5_1_a .. fc, rows 62-71; 136 more layers before them) with resnet50."""
    head = [r for r in t50.rows if r['idx'] <= 14]
    tail = [r for r in t50.rows if r['idx'] >= 62]
    n = check_against_table(net, t50, head, 0, 'resnet152 (resnet50 table)')
    n += check_against_table(net, t50, tail, 208 - 72, 'resnet152 (resnet50 table)')
    return n


# ---------------------------------------------------------------------------
# Section 6.2: generation rules
# ---------------------------------------------------------------------------

def build_resnet(name, blocks):
    net = Network(name, 3, 224)
    net.add('conv1', conv(3, 64, 112, 7, 2))
    net.add('pool1', pool(64, 56, 3, 2))
    res = 'pool1'
    stages = [(2, 64, 256, 56), (3, 128, 512, 28), (4, 256, 1024, 14), (5, 512, 2048, 7)]
    prev_out = 64
    for (s, mid, out, f), nblk in zip(stages, blocks):
        for i in range(nblk):
            nin = prev_out if i == 0 else out
            strd = 2 if (i == 0 and s >= 3) else 1
            net.add('conv%d_%d_a' % (s, i), conv(nin, mid, f, 1, strd))
            net.add('conv%d_%d_b' % (s, i), conv(mid, mid, f, 3))
            net.add('conv%d_%d_c' % (s, i), conv(mid, out, f, 1))
            if i == 0:
                res = net.add('conv%d_br' % s, conv(nin, out, f, 1, strd), res)
            res = net.add('conv%d_%d_res' % (s, i), eltwise(out, f, 2),
                          [res, 'conv%d_%d_c' % (s, i)])
        prev_out = out
    net.add('pool5', pool(2048, 1, 7))
    net.add('fc', fc(2048, 1000))
    return net


def build_resnet50_bp():
    blocks = (3, 4, 6, 3)
    net = build_resnet('ResNetBP', blocks)
    net.add('fc_back', fc_ba(1000, 2048))
    net.add('fc_back_w', fc_bw(1000, 2048), 'fc')
    res = net.add('pool5_back', pool_back(2048, 7, 7), 'fc_back')
    stages = [(2, 64, 256, 56), (3, 128, 512, 28), (4, 256, 1024, 14), (5, 512, 2048, 7)]
    for idx in reversed(range(4)):
        s, mid, out, f = stages[idx]
        for i in reversed(range(blocks[idx])):
            pre = 'conv%d_%d_' % (s, i)
            net.add(pre + 'res_back_c', eltwise(out, f, 1), res)
            net.add(pre + 'res_back_br', eltwise(out, f, 1), res)
            net.add(pre + 'c_back', conv_ba(out, mid, f, 1), pre + 'res_back_c')
            net.add(pre + 'c_back_w', conv_bw(out, mid, f, 1), pre + 'res_back_c')
            net.add(pre + 'b_back', conv_ba(mid, mid, f, 3), pre + 'c_back')
            net.add(pre + 'b_back_w', conv_bw(mid, mid, f, 3), pre + 'c_back')
            if i == 0 and s >= 3:
                nin, f_in = stages[idx - 1][2], stages[idx - 1][3]
                args = (mid, nin, f_in, 1, 2)
            elif i == 0:
                args = (64, 64, 56, 1)
            else:
                args = (mid, out, f, 1)
            net.add(pre + 'a_back', conv_ba(*args), pre + 'b_back')
            net.add(pre + 'a_back_w', conv_bw(*args), pre + 'b_back')
            res = pre + 'a_back'
    net.add('pool1_back', pool_back(64, 112, 3, 2), res)
    net.add('conv1_back', conv_ba(64, 3, 224, 7, 2), 'pool1_back')
    net.add('conv1_back_w', conv_bw(64, 3, 224, 7, 2), 'pool1_back')
    return net


INCEPTIONS = [  # id, f, in, n1, n3r, n3, n5r, n5, npool
    ('3a', 28, 192, 64, 96, 128, 16, 32, 32),
    ('3b', 28, 256, 128, 128, 192, 32, 96, 64),
    ('4a', 14, 480, 192, 96, 208, 16, 48, 64),
    ('4b', 14, 512, 160, 112, 224, 24, 64, 64),
    ('4c', 14, 512, 128, 128, 256, 24, 64, 64),
    ('4d', 14, 512, 112, 144, 288, 32, 64, 64),
    ('4e', 14, 528, 256, 160, 320, 32, 128, 128),
    ('5a', 7, 832, 256, 160, 320, 32, 128, 128),
    ('5b', 7, 832, 384, 192, 384, 48, 128, 128),
]
INCEPTION = {p[0]: p for p in INCEPTIONS}


def add_inception(net, iid, f, nin, n1, n3r, n3, n5r, n5, npool, prevs):
    pre = 'inception_%s_' % iid
    net.add(pre + '1x1', conv(nin, n1, f, 1), prevs)
    net.add(pre + '3x3_reduce', conv(nin, n3r, f, 1), prevs)
    net.add(pre + '3x3', conv(n3r, n3, f, 3))
    net.add(pre + '5x5_reduce', conv(nin, n5r, f, 1), prevs)
    net.add(pre + '5x5', conv(n5r, n5, f, 5))
    net.add(pre + 'pool_proj', conv(nin, npool, f, 1), prevs)
    return [pre + '1x1', pre + '3x3', pre + '5x5', pre + 'pool_proj']


def build_googlenet(name='GoogLeNet'):
    net = Network(name, 3, 224)
    net.add('conv1', conv(3, 64, 112, 7, 2))
    net.add('pool1', pool(64, 56, 3, 2))
    net.add('conv2_3x3_reduce', conv(64, 64, 56, 1))
    net.add('conv2_3x3', conv(64, 192, 56, 3))
    prevs = [net.add('pool2', pool(192, 28, 3, 2))]
    for iid in ('3a', '3b', '4a', '4b', '4c', '4d', '4e', '5a', '5b'):
        prevs = add_inception(net, *INCEPTION[iid], prevs=prevs)
        if iid == '3b':
            prevs = [net.add('pool3', pool(480, 14, 3, 2), prevs)]
        elif iid == '4e':
            prevs = [net.add('pool4', pool(832, 7, 3, 2), prevs)]
    net.add('pool5', pool(1024, 1, 7), prevs)
    net.add('fc', fc(1024, 1000))
    return net


def add_back_inception(net, iid, out, nin, prevs):
    _, f, _, n1, n3r, n3, n5r, n5, npool = INCEPTION[iid]
    p = 'inception_%s_back' % iid
    pw = 'inception_%s_back_w_' % iid
    for branch, n in (('1x1', n1), ('3x3', n3), ('5x5', n5), ('pool', npool)):
        net.add('%s_%s_input' % (p, branch), conv(nin, n, f, 1), prevs)
    for suffix, a, b, fil, src in (('1x1', n1, out, 1, p + '_1x1_input'),
                                   ('3x3', n3, n3r, 3, p + '_3x3_input'),
                                   ('3x3_reduce', n3r, out, 1, p + '3x3'),
                                   ('5x5', n5, n5r, 5, p + '_5x5_input'),
                                   ('5x5_reduce', n5r, out, 1, p + '5x5'),
                                   ('pool_proj', npool, out, 1, p + '_pool_input')):
        net.add(p + suffix, conv_ba(a, b, f, fil), src)
        net.add(pw + suffix, conv_bw(a, b, f, fil), src)
    return net.add('inception_%s_aggr' % iid, eltwise(out, f, 4),
                   [p + '1x1', p + '3x3_reduce', p + '5x5_reduce', p + 'pool_proj'])


def build_googlenet_bp():
    net = build_googlenet('GoogLeNetBP')
    net.add('fc_back', fc_ba(1000, 1024))
    net.add('fc_back_w', fc_bw(1000, 1024), 'fc')
    prev = net.add('pool5_back', pool_back(1024, 7, 7))  # follows fc_back_w (section 6.2)
    prev = add_back_inception(net, '5b', 832, 1024, prev)
    prev = add_back_inception(net, '5a', 832, 832, prev)
    prev = net.add('pool4_back', pool_back(832, 14, 3, 2))
    for iid, out, nin in (('4e', 528, 832), ('4d', 512, 528), ('4c', 512, 512),
                          ('4b', 512, 512), ('4a', 480, 512)):
        prev = add_back_inception(net, iid, out, nin, prev)
    prev = net.add('pool3_back', pool_back(480, 28, 3, 2))
    prev = add_back_inception(net, '3b', 256, 480, prev)
    prev = add_back_inception(net, '3a', 192, 256, prev)
    net.add('pool2_back', pool_back(192, 56, 3, 2))
    net.add('conv2_back_3x3', conv_ba(192, 64, 56, 3))
    net.add('conv2_back_w_3x3', conv_bw(192, 64, 56, 3), 'pool2_back')
    net.add('conv2_back_3x3_reduce', conv_ba(64, 64, 56, 1), 'conv2_back_3x3')
    net.add('conv2_back_w_3x3_reduce', conv_bw(64, 64, 56, 1), 'conv2_back_3x3')
    net.add('pool1_back', pool_back(64, 112, 3, 2), 'conv2_back_3x3_reduce')
    net.add('conv1_back', conv_ba(64, 3, 224, 7, 2))
    net.add('conv1_back_w', conv_bw(64, 3, 224, 7, 2), 'pool1_back')
    return net


MOBILENET = [  # k, c_in, c_out, f, s
    (1, 32, 64, 112, 1), (2, 64, 128, 56, 2), (3, 128, 128, 56, 1), (4, 128, 256, 28, 2),
    (5, 256, 256, 28, 1), (6, 256, 512, 14, 2), (7, 512, 512, 14, 1), (8, 512, 512, 14, 1),
    (9, 512, 512, 14, 1), (10, 512, 512, 14, 1), (11, 512, 512, 14, 1),
    (12, 512, 1024, 7, 2), (13, 1024, 1024, 7, 1),
]


def build_mobilenet():
    net = Network('MobileNet', 3, 224)
    net.add('conv0', conv(3, 32, 112, 3, 2))
    for k, cin, cout, f, s in MOBILENET:
        net.add('dep_conv%d' % k, dwconv(cin, f, 3, s))
        net.add('point_conv%d' % k, conv(cin, cout, f, 1, 1))
    net.add('pooling13', pool(1024, 1, 7))
    net.add('fc', fc(1024, 1000))
    return net


def add_lstm_cell(net, name, size, xin, cin=None, hin=None):
    if cin is None:
        cin = name + '_cinit'
        net.add_ext(cin, size, 1)
    if hin is None:
        hin = name + '_hinit'
        net.add_ext(hin, size, 1)
    for g in ('cand', 'igate', 'fgate', 'ogate'):
        net.add('%s_%s' % (name, g), fc(2 * size, size), [hin, xin])
    net.add(name + '_cout_f', eltwise(size, 1, 2), [cin, name + '_fgate'])
    net.add(name + '_cout_i', eltwise(size, 1, 2), [name + '_cand', name + '_igate'])
    cout = net.add(name + '_cout', eltwise(size, 1, 2), [name + '_cout_i', name + '_cout_f'])
    hout = net.add(name + '_hout', eltwise(size, 1, 2), [cout, name + '_ogate'])
    return cout, hout


def build_lstm_phoneme():
    net = Network('PHONEME', 26, 1)
    net.add('We', fc(26, 140))
    add_lstm_cell(net, 'cell', 140, 'We')
    net.add('Wd', fc(140, 61))
    return net


def build_lstm_showtell():
    net = Network('ShowTell', 512, 1)
    add_lstm_cell(net, 'cell', 512, INPUT)
    net.add('Wd', eltwise(512, 1, 1))
    return net


def build_lstm_gnmt(name='GNMT'):
    net = Network(name, 1000, 1)
    x = INPUT
    for l in range(4):
        x = add_lstm_cell(net, 'cell_l%d' % l, 1000, x)[1]
    net.add('Wd', eltwise(1000, 1, 1))
    return net


def add_back_lstm_cell(net, name, size, hout, cout=None, has_hin=False):
    n = name
    net.add(n + '_hout_back_o_gate', eltwise_back(size, 1, 1), hout)
    net.add(n + '_hout_back_cout', eltwise_back(size, 1, 1), hout)
    srcs = [n + '_hout_back_cout'] + ([cout] if cout is not None else [])
    net.add(n + '_cout_aggr', eltwise(size, 1, len(srcs)), srcs)
    net.add(n + '_cout_back_coutf', eltwise_back(size, 1, 1), n + '_cout_aggr')
    net.add(n + '_cout_back_couti', eltwise_back(size, 1, 1), n + '_cout_aggr')
    net.add(n + '_coutf_back_f_gate', eltwise_back(size, 1, 1), n + '_cout_back_coutf')
    net.add(n + '_couti_back_i_gate', eltwise_back(size, 1, 1), n + '_cout_back_couti')
    net.add(n + '_couti_back_cand', eltwise_back(size, 1, 1), n + '_cout_back_couti')
    gates = (('ogate', n + '_hout_back_o_gate'), ('fgate', n + '_coutf_back_f_gate'),
             ('igate', n + '_couti_back_i_gate'), ('cand', n + '_couti_back_cand'))
    for g, src in gates:
        net.add('%s_%s_back_xin' % (n, g), fc_ba(size, size), src)
        if has_hin:
            net.add('%s_%s_back_hin' % (n, g), fc_ba(size, size), src)
        net.add('%s_%s_back_w_upd' % (n, g), fc_bw(size, 2 * size if has_hin else size), src)
    xin = net.add(n + '_xin_aggr', eltwise(size, 1, 4),
                  ['%s_%s_back_xin' % (n, g) for g, _ in gates])
    hin = None
    if has_hin:
        hin = net.add(n + '_hin_aggr', eltwise(size, 1, 4),
                      ['%s_%s_back_hin' % (n, g) for g, _ in gates])
    return xin, hin


def build_lstm_gnmt_bp():
    net = build_lstm_gnmt('GNMTBP')
    h = net.add('Wd_back', eltwise(1000, 1, 1), 'Wd')
    for l in (3, 2, 1, 0):
        h = add_back_lstm_cell(net, 'cell_l%d' % l, 1000, h)[0]
    return net


RULES = OrderedDict([
    ('googlenet', build_googlenet),
    ('resnet50', lambda: build_resnet('ResNet', (3, 4, 6, 3))),
    ('resnet152', lambda: build_resnet('ResNet', (3, 8, 36, 3))),
    ('mobilenet', build_mobilenet),
    ('lstm_phoneme', build_lstm_phoneme),
    ('lstm_showtell', build_lstm_showtell),
    ('lstm_gnmt', build_lstm_gnmt),
    ('lstm_gnmt_bp', build_lstm_gnmt_bp),
    ('resnet50_bp', build_resnet50_bp),
    ('googlenet_bp', build_googlenet_bp),
])


def build_all():
    tables = parse_tables(TABLES)
    nets = OrderedDict()
    report = []
    for module, (name, count, macs) in ZOO.items():
        t = tables.get(module)
        how = []
        if module in RULES:
            net = RULES[module]()
            how.append('rule')
            if t is not None and not t.excerpt:
                other = build_from_table(t)
                check(other.name == net.name, '%s: rule/table names differ' % module)
                a, b = net.structure(), other.structure()
                if a != b:
                    for x, y in zip(a[0], b[0]):
                        check(x == y, '%s: rule builds %r, table gives %r' % (module, x, y))
                    fail('%s: rule and table builds differ (externals/input/length)' % module)
                how.append('== table')
        else:
            check(t is not None and not t.excerpt, '%s: neither rule nor full table' % module)
            net = build_from_table(t)
            how.append('table')
        if t is not None:
            rows = check_against_table(net, t)
        elif module == 'resnet152':
            t = tables['resnet50']
            rows = check_resnet152(net, t)
        else:
            rows = 0
        check(net.name == name, '%s: network name %r, expected %r' % (module, net.name, name))
        check(len(net.layers) == count, '%s: %d layers, section 6.1 says %d'
              % (module, len(net.layers), count))
        check(net.total_ops() == macs, '%s: %d MACs per sample, section 6.1 says %d'
              % (module, net.total_ops(), macs))
        nets[module] = net
        note = ''
        if t is not None and t.module != module:
            note = ' (%s table head and tail)' % t.module
        elif t is not None and t.excerpt:
            note = ' (excerpt)'
        report.append((module, name, count, macs, ' '.join(how),
                       '%d/%d%s' % (rows, count, note)))
    # A training network starts with its inference network, layer for layer.
    for module in nets:
        if module.endswith('_bp'):
            fwd = nets[module[:-3]].structure()
            bwd = nets[module].structure()
            check(bwd[0][:len(fwd[0])] == fwd[0] and bwd[1:] == fwd[1:],
                  '%s does not start with %s' % (module, module[:-3]))
    return nets, report


# ---------------------------------------------------------------------------
# YAML emission
# ---------------------------------------------------------------------------

_PLAIN = re.compile(r'^([A-Za-z_][A-Za-z0-9_.+-]*|[0-9]D)$')
_PLAIN_BLOCK = re.compile(r"^[A-Za-z][A-Za-z0-9 _.,()'+/-]*$")
_RESERVED = {'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'null', 'inf', 'nan'}


def yscalar(v):
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v == float('inf'):
            return 'inf'
        r = repr(v)
        check(float(r) == v, 'float round trip')
        return r
    if isinstance(v, Raw):
        return v.text
    if isinstance(v, str):
        if _PLAIN.match(v) and v.lower() not in _RESERVED and v[-1] not in '-+.':
            return v
        return '"' + v.replace('\\', '\\\\').replace('"', '\\"') + '"'
    if isinstance(v, (list, tuple)):
        return '[' + ', '.join(yscalar(x) for x in v) + ']'
    if isinstance(v, dict):
        return '{' + ', '.join('%s: %s' % (k, yscalar(x)) for k, x in v.items()) + '}'
    fail('cannot emit %r' % (v,))


class Raw(object):
    """A scalar emitted verbatim (used for the exact float spellings of section 2.7)."""

    def __init__(self, text):
        check(repr(float(text)) == text, 'float %s is not in shortest repr form' % text)
        self.text = text


def yname(v):
    """A string in block context (a `name:` value): plain unless YAML would misread it."""
    if (_PLAIN_BLOCK.match(v) and v == v.strip() and ': ' not in v and ' #' not in v
            and v.lower() not in _RESERVED):
        return v
    return yscalar(v)


def fmt_int(n):
    return '{:,}'.format(n)


def network_body(net, indent):
    pad = ' ' * indent
    lines = ['%sname: %s' % (pad, yname(net.name)),
             '%sinput: %s' % (pad, yscalar(OrderedDict([('nofm', net.input.nofm),
                                                          ('sofm', net.input.sofm)])))]
    if net.externals:
        lines.append('%sexternals:' % pad)
        for n, e in net.externals.items():
            lines.append('%s  - %s' % (pad, yscalar(OrderedDict([('name', n), ('nofm', e.nofm),
                                                                   ('sofm', e.sofm)]))))
    lines.append('%slayers:' % pad)
    for n, l in net.layers.items():
        m = OrderedDict([('name', n), ('type', l.kind)])
        m.update(l.yaml_params())
        m['prevs'] = net.prevs[n]
        lines.append('%s  - %s' % (pad, yscalar(m)))
    return lines


def network_file(module, net):
    lines = ['# %s (%s): %d layers, %s MACs per sample.'
             % (net.name, module, len(net.layers), fmt_int(net.total_ops())),
             '# Generated by tools/gen_zoo.py from the nn_dataflow / KAPLA network zoo; '
             'do not edit by hand.',
             'version: 1',
             'network:']
    lines += network_body(net, 2)
    return '\n'.join(lines) + '\n'


# ---------------------------------------------------------------------------
# Architectures (sections 2.6, 2.7, 8.3)
# ---------------------------------------------------------------------------

def explicit_arch(comment, name, nodes, pe, gbuf, regf, mem_type, hop, dram_region=None):
    lines = ['# ' + c for c in comment] + [
        'version: 1',
        'architecture:',
        '  name: %s' % yname(name),
        '  nodes: %s' % yscalar(nodes),
        '  pe_array: %s' % yscalar(pe),
        '  word_bits: 16',
        '  gbuf_words: %d' % gbuf,
        '  regf_words: %d' % regf,
        '  array_bus_width: inf',
        '  dram_bandwidth: inf',
        '  mem_type: %s' % mem_type + ('            # overridden by dram_region below'
                                       if dram_region else ''),
    ]
    if dram_region:
        lines.append('  dram_region: %s' % yscalar(dram_region))
    lines += [
        '  energy_unit: unit',
        '  energy:',
        '    mac: 1',
        '    dram: 200',
        '    gbuf: 6',
        '    itcn: 2',
        '    regf: 1',
        '    noc_hop: %d' % hop,
        '    idle: 0',
    ]
    return '\n'.join(lines) + '\n'


# Section 2.7: exact contents of KAPLA's nn_dataflow/hardwares/*.json (keys the model uses)
KAPLA_HW = OrderedDict([
    ('multi_node.json', dict(
        dram_bw='51.2', bus=128, gbuf=32768, nodes=[16, 16], gbuf_cost='2.8325450000000004e-12',
        idle='1.2728688055044508e-09', itcn='1.6416e-12', regf=64, pe=[8, 8],
        regf_cost='9.408850000000001e-14')),
    ('multi_node_4x4.json', dict(
        dram_bw='51.2', bus=128, gbuf=65536, nodes=[4, 4], gbuf_cost='2.8325450000000004e-12',
        idle='1.2728688055044508e-09', itcn='1.6416e-12', regf=64, pe=[8, 8],
        regf_cost='9.408850000000001e-14')),
    ('single_node.json', dict(
        dram_bw='12.8', bus=256, gbuf=262144, nodes=[1, 1], gbuf_cost='7.483700000000001e-12',
        idle='5.410220055044509e-10', itcn='3.2832e-12', regf=512, pe=[16, 16],
        regf_cost='2.507285e-13')),
])


def kapla_arch(comment, name, json_name):
    h = KAPLA_HW[json_name]
    dram = OrderedDict([('access_cost', Raw('4.0189027539954336e-10')),
                        ('bandwidth', Raw(h['dram_bw'])), ('bus_width', h['bus'])])
    gbuf = OrderedDict([('size', h['gbuf']), ('array', h['nodes']),
                        ('access_cost', Raw(h['gbuf_cost'])), ('hop_cost', Raw('9.76e-12')),
                        ('idle_cost', Raw(h['idle'])), ('mem_type', '2D')])
    regf = OrderedDict([('size', h['regf']), ('array', h['pe']),
                        ('access_cost', Raw(h['regf_cost']))])
    lines = ['# ' + c for c in comment] + [
        'version: 1',
        'architecture:',
        '  name: %s' % yname(name),
        '  energy_unit: J',
        '  kapla_hardware:',
        '    word_bit: 16',
        '    op_cost: %s' % Raw('9.984e-13').text,
        '    DRAM: %s' % yscalar(dram),
        '    GBUF: %s' % yscalar(gbuf),
        '    ITCN: %s' % yscalar(OrderedDict([('access_cost', Raw(h['itcn']))])),
        '    REGF: %s' % yscalar(regf),
    ]
    return '\n'.join(lines) + '\n'


def architecture_files():
    files = OrderedDict()
    files['eyeriss-single-node.yaml'] = explicit_arch(
        ['Setup A of the reference results ("Eyeriss ISCA\'16"): one node, 16x16 PEs,',
         '64 Ki-word global buffer, 256-word register files, unlimited bandwidth, one DRAM',
         'channel at node (0, 0), normalised energies (MAC 1; DRAM 200, GBUF 6, ITCN 2, REGF 1).'],
        'Eyeriss single node', [1, 1], [16, 16], 65536, 256, '2D', 0,
        dram_region=OrderedDict([('dim', [1, 1]), ('origin', [0, 0]), ('dist', [1, 1])]))
    files['setup-b-4x4.yaml'] = explicit_arch(
        ['Setup B of the reference results: a 4x4 mesh of 8x8-PE nodes, 32 Ki-word global',
         'buffers, 64-word register files, DRAM at the four corners (2D), unlimited bandwidth,',
         'normalised energies (MAC 1; DRAM 200, GBUF 6, ITCN 2, REGF 1; NoC hop 10).'],
        'Setup B 4x4 mesh', [4, 4], [8, 8], 32768, 64, '2D', 10)
    files['kapla-multi-node-16x16.yaml'] = kapla_arch(
        ["KAPLA's nn_dataflow/hardwares/multi_node.json: 16x16 nodes of 8x8 PEs, 32 KiB",
         'global buffer per node, DRAM at the corners; energies in joules. KAPLA uses it for',
         'row-stationary (Eyeriss) inference and training.'],
        'KAPLA multi-node 16x16', 'multi_node.json')
    files['kapla-multi-node-4x4.yaml'] = kapla_arch(
        ["KAPLA's nn_dataflow/hardwares/multi_node_4x4.json: 4x4 nodes of 8x8 PEs, 64 KiB",
         'global buffer per node; energies in joules (used by a KAPLA sensitivity test).'],
        'KAPLA multi-node 4x4', 'multi_node_4x4.json')
    files['kapla-systolic-single-node.yaml'] = kapla_arch(
        ["KAPLA's nn_dataflow/hardwares/single_node.json: one node with a 16x16 PE array and",
         '256 KiB global buffer; energies in joules. KAPLA uses it for the systolic mapping.'],
        'KAPLA systolic single node', 'single_node.json')
    return files


# ---------------------------------------------------------------------------
# Projects (section 8.3 golden setups and newcomer projects)
# ---------------------------------------------------------------------------

def project_file(comment, name, batch, network, architecture, options, inline_net=None):
    lines = ['# ' + c for c in comment] + [
        'version: 1',
        'project:',
        '  name: %s' % yname(name),
        '  batch: %d' % batch,
    ]
    if inline_net is not None:
        lines.append('  network:')
        lines += network_body(inline_net, 4)
    else:
        lines.append('  network: %s' % network)
    lines += ['  architecture: %s' % architecture,
              '  options: %s' % yscalar(options)]
    return '\n'.join(lines) + '\n'


def opts(*pairs):
    return OrderedDict(pairs)


def build_simple_net():
    """The "simple" network of the reference Setup A results (section 8.3)."""
    net = Network('simple', 4, 2)
    net.add('1', conv(4, 4, 2, 1), INPUT)
    net.add('2', conv(4, 4, 2, 1), '1')
    net.add('a1', conv(4, 1, 1, 1, 2), '2')
    net.add('a2', conv(1, 1, 1, 1), 'a1')
    return net


def golden_files():
    A = '../architectures/eyeriss-single-node.yaml'
    B = '../architectures/setup-b-4x4.yaml'
    # Setup A uses the original tool's Option() defaults: exhaustive search, Eyeriss
    # row-stationary mapping, no bypass, no partitioning extras, no pipelining. solver and
    # mapping are spelled out so the files do not depend on what the preset chooses.
    base = [('preset', 'default'), ('solver', 'exhaustive'), ('mapping', 'eyeriss')]
    setup_a = ['Reference Setup A (model spec section 8.3): 1 node, 16x16 PEs, exhaustive',
               'search, no pipelining.']
    setup_b_opts = base + [('partition_hybrid', True), ('partition_batch', True),
                           ('gbuf_sharing', True)]
    files = OrderedDict()
    files['setup-a-mlp_s-b8.yaml'] = project_file(
        setup_a + ['Expected (original and KAPLA): total_cost 133,650,080; total_time 18,544.'],
        'Golden Setup A - MLP-S, batch 8', 8, '../networks/mlp_s.yaml', A, opts(*base))
    files['setup-a-simple-b1.yaml'] = project_file(
        setup_a + ['Expected (original and KAPLA): total_cost 23,385; total_time 21.'],
        'Golden Setup A - simple net, batch 1', 1, None, A, opts(*base),
        inline_net=build_simple_net())
    files['setup-a-alex_net-b16.yaml'] = project_file(
        setup_a + ['REGF refetch rule of the original nn_dataflow.',
                   'Expected (original): total_cost 83,740,489,472; total_time 70,287,104.'],
        'Golden Setup A - AlexNet, batch 16 (original refetch rule)', 16,
        '../networks/alex_net.yaml', A, opts(*(base + [('refetch_rule', 'original')])))
    files['setup-a-alex_net-b16-kapla.yaml'] = project_file(
        setup_a + ["REGF refetch rule of KAPLA's core.",
                   'Expected (KAPLA core): total_cost 88,650,362,624; total_time 70,287,104.'],
        'Golden Setup A - AlexNet, batch 16 (KAPLA refetch rule)', 16,
        '../networks/alex_net.yaml', A, opts(*(base + [('refetch_rule', 'kapla')])))
    files['setup-a-alex_net-b16-bypass.yaml'] = project_file(
        setup_a + ['GBUF bypass allowed for all categories, analytical loop-blocking solver,',
                   'original refetch rule.',
                   'Expected (original): total_cost 81,059,436,288; total_time 70,287,104.',
                   '(With the KAPLA refetch rule there is no valid schedule: conv2 finds no '
                   'valid solver scheme.)'],
        'Golden Setup A - AlexNet, batch 16, GBUF bypass + solver', 16,
        '../networks/alex_net.yaml', A,
        opts(*(base + [('refetch_rule', 'original'), ('gbuf_bypass', [True, True, True]),
                       ('solve_loopblocking', True)])))
    files['setup-b-mlp_m-b16.yaml'] = project_file(
        ['Reference Setup B (model spec section 8.3): 4x4 nodes, hybrid + batch partitioning,',
         'GBUF sharing, no pipelining.',
         'Expected (original and KAPLA): total_cost 474,696,448; total_time 23,044;',
         'segment times [12544, 8000, 2000, 500].'],
        'Golden Setup B - MLP-M, batch 16', 16, '../networks/mlp_m.yaml', B,
        opts(*setup_b_opts))
    files['setup-c-mlp_s-b16.yaml'] = project_file(
        ['Reference Setup C (model spec section 8.3): Setup B plus GBUF save-writeback and',
         'inter-layer (spatial) pipelining.',
         'Expected (original and KAPLA): total_cost 172,309,688; total_time 17,908;',
         'segments ((fc1,), (fc2,)) spatial on 12 + 4 nodes, then (fc3,); times [17408, 500].'],
        'Golden Setup C - MLP-S, batch 16', 16, '../networks/mlp_s.yaml', B,
        opts(*(setup_b_opts + [('gbuf_save_writeback', True),
                               ('partition_interlayer', True)])))
    return files


def newcomer_files():
    files = OrderedDict()
    files['alexnet-16x16.yaml'] = project_file(
        ['AlexNet (two towers) at batch 16 on the KAPLA 16x16-node accelerator with the',
         'inference options: intra-layer partitioning and inter-layer pipelining of a CNN.'],
        'AlexNet inference on the KAPLA 16x16 mesh', 16, 'networks/alex_net.yaml',
        'architectures/kapla-multi-node-16x16.yaml', opts(('preset', 'inference')))
    files['resnet50-16x16.yaml'] = project_file(
        ['ResNet-50 at batch 16 on the KAPLA 16x16-node accelerator: bottleneck blocks and',
         'residual (eltwise) merges scheduled with the inference options.'],
        'ResNet-50 inference on the KAPLA 16x16 mesh', 16, 'networks/resnet50.yaml',
        'architectures/kapla-multi-node-16x16.yaml', opts(('preset', 'inference')))
    files['mobilenet-4x4.yaml'] = project_file(
        ['MobileNet at batch 16 on the small KAPLA 4x4-node accelerator: depthwise and',
         'pointwise convolutions on a chip with few nodes.'],
        'MobileNet inference on the KAPLA 4x4 mesh', 16, 'networks/mobilenet.yaml',
        'architectures/kapla-multi-node-4x4.yaml', opts(('preset', 'inference')))
    files['vgg-training-16x16.yaml'] = project_file(
        ['VGG-16 training step (forward, activation gradients, weight gradients) at batch 16',
         'on the KAPLA 16x16-node accelerator with the training options (no pipelining).'],
        'VGG-16 training on the KAPLA 16x16 mesh', 16, 'networks/vgg_net_bp.yaml',
        'architectures/kapla-multi-node-16x16.yaml', opts(('preset', 'training')))
    return files


def checksum_file(nets):
    lines = ['# module\tname\tlayer_count\ttotal_macs_per_sample']
    for module, net in nets.items():
        lines.append('%s\t%s\t%d\t%d' % (module, net.name, len(net.layers), net.total_ops()))
    return '\n'.join(lines) + '\n'


# ---------------------------------------------------------------------------

def all_outputs(nets):
    out = OrderedDict()
    for module, net in nets.items():
        out['sample_projects/networks/%s.yaml' % module] = network_file(module, net)
    for fn, text in architecture_files().items():
        out['sample_projects/architectures/' + fn] = text
    for fn, text in golden_files().items():
        out['sample_projects/golden/' + fn] = text
    for fn, text in newcomer_files().items():
        out['sample_projects/' + fn] = text
    out['tests/data/zoo_checksums.tsv'] = checksum_file(nets)
    return out


def self_check_outputs(outputs):
    """Cheap sanity checks of the emitted text (no YAML library in the stdlib)."""
    for path, text in outputs.items():
        check(text.endswith('\n') and '\t' not in text or path.endswith('.tsv'),
              '%s: tabs or missing final newline' % path)
        for line in text.splitlines():
            check(line == line.rstrip(), '%s: trailing whitespace' % path)
            s = line.strip()
            if s.startswith('- {') or (': {' in s):
                body = s[s.index('{'):]
                check(body.count('{') == body.count('}') and body.count('[') == body.count(']'),
                      '%s: unbalanced flow mapping: %s' % (path, s))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--check', action='store_true',
                    help='verify and compare with the files on disk, write nothing')
    ap.add_argument('--root', default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    help='repository root (default: the parent of tools/)')
    args = ap.parse_args(argv)

    try:
        nets, report = build_all()
        simple = build_simple_net()
        check(simple.total_ops() == 4 * 4 * 4 + 4 * 4 * 4 + 4 + 1, 'simple net ops')
        outputs = all_outputs(nets)
        self_check_outputs(outputs)
    except ZooError as e:
        sys.stderr.write('gen_zoo.py: VERIFICATION FAILED: %s\n' % e)
        return 2

    print('%-14s %-12s %6s %16s  %-16s %s' % ('module', 'name', 'layers', 'MACs/sample',
                                              'built from', 'table rows checked'))
    for module, name, count, macs, how, rows in report:
        print('%-14s %-12s %6d %16s  %-16s %s' % (module, name, count, fmt_int(macs), how, rows))
    print('all %d networks match the section 6.1 checksums' % len(nets))

    stale = []
    written = 0
    for rel, text in outputs.items():
        path = os.path.join(args.root, rel)
        old = None
        if os.path.exists(path):
            with open(path, 'r', encoding='utf-8', newline='') as f:
                old = f.read()
        if old == text:
            continue
        stale.append(rel)
        if not args.check:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w', encoding='utf-8', newline='\n') as f:
                f.write(text)
            written += 1
    if args.check:
        if stale:
            print('stale or missing files (run python3 tools/gen_zoo.py):')
            for rel in stale:
                print('  ' + rel)
            return 1
        print('%d files up to date' % len(outputs))
    else:
        print('%d files checked, %d written' % (len(outputs), written))
    return 0


# ---------------------------------------------------------------------------
# Layer tables of the model specification, section 6.4 (transcribed).
# "@module" starts a table ("excerpt": only the listed rows); "input nofm sofm";
# "ext name nofm sofm"; rows: # name type nifm nofm sofm sifm fil/reg strd prevs MACs(b=1).
# fil/reg "1:n2/t2" = region 1 over nreg 2 channels with ntrd 2; prevs comma-separated,
# "^" = the layer directly above, "IN" = the network input.
# ---------------------------------------------------------------------------

TABLES = r"""
@alex_net
input 3 224
0  conv1_a Conv 3    48   55 227 11 4 IN 52707600
1  conv1_b Conv 3    48   55 227 11 4 IN 52707600
2  pool1_a Pool 48   48   27 55  3  2 conv1_a 314928
3  pool1_b Pool 48   48   27 55  3  2 conv1_b 314928
4  conv2_a Conv 48   128  27 31  5  1 pool1_a 111974400
5  conv2_b Conv 48   128  27 31  5  1 pool1_b 111974400
6  pool2_a Pool 128  128  13 27  3  2 conv2_a 194688
7  pool2_b Pool 128  128  13 27  3  2 conv2_b 194688
8  conv3_a Conv 256  192  13 15  3  1 pool2_a,pool2_b 74760192
9  conv3_b Conv 256  192  13 15  3  1 pool2_a,pool2_b 74760192
10 conv4_a Conv 192  192  13 15  3  1 conv3_a 56070144
11 conv4_b Conv 192  192  13 15  3  1 conv3_b 56070144
12 conv5_a Conv 192  128  13 15  3  1 conv4_a 37380096
13 conv5_b Conv 192  128  13 15  3  1 conv4_b 37380096
14 pool3_a Pool 128  128  6  13  3  2 conv5_a 41472
15 pool3_b Pool 128  128  6  13  3  2 conv5_b 41472
16 fc1     FC   256  4096 1  6   6  1 pool3_a,pool3_b 37748736
17 fc2     FC   4096 4096 1  1   1  1 ^ 16777216
18 fc3     FC   4096 1000 1  1   1  1 ^ 4096000
@zfnet
input 3 224
0  conv1 Conv 3    96   110 225 7 2 IN 170755200
1  pool1 Pool 96   96   55  111 3 2 ^ 2613600
2  conv2 Conv 96   256  26  55  5 2 ^ 415334400
3  pool2 Pool 256  256  13  27  3 2 ^ 389376
4  conv3 Conv 256  512  13  15  3 1 ^ 199360512
5  conv4 Conv 512  1024 13  15  3 1 ^ 797442048
6  conv5 Conv 1024 512  13  15  3 1 ^ 797442048
7  pool3 Pool 512  512  6   13  3 2 ^ 165888
8  fc1   FC   512  4096 1   6   6 1 ^ 75497472
9  fc2   FC   4096 4096 1   1   1 1 ^ 16777216
10 fc3   FC   4096 1000 1   1   1 1 ^ 4096000
@vgg_net
input 3 224
0  conv1  Conv 3    64   224 226 3 1 IN 86704128
1  conv2  Conv 64   64   224 226 3 1 ^ 1849688064
2  pool1  Pool 64   64   112 224 2 2 ^ 3211264
3  conv3  Conv 64   128  112 114 3 1 ^ 924844032
4  conv4  Conv 128  128  112 114 3 1 ^ 1849688064
5  pool2  Pool 128  128  56  112 2 2 ^ 1605632
6  conv5  Conv 128  256  56  58  3 1 ^ 924844032
7  conv6  Conv 256  256  56  58  3 1 ^ 1849688064
8  conv7  Conv 256  256  56  58  3 1 ^ 1849688064
9  pool3  Pool 256  256  28  56  2 2 ^ 802816
10 conv8  Conv 256  512  28  30  3 1 ^ 924844032
11 conv9  Conv 512  512  28  30  3 1 ^ 1849688064
12 conv10 Conv 512  512  28  30  3 1 ^ 1849688064
13 pool4  Pool 512  512  14  28  2 2 ^ 401408
14 conv11 Conv 512  512  14  16  3 1 ^ 462422016
15 conv12 Conv 512  512  14  16  3 1 ^ 462422016
16 conv13 Conv 512  512  14  16  3 1 ^ 462422016
17 pool5  Pool 512  512  7   14  2 2 ^ 100352
18 fc1    FC   512  4096 1   7   7 1 ^ 102760448
19 fc2    FC   4096 4096 1   1   1 1 ^ 16777216
20 fc3    FC   4096 1000 1   1   1 1 ^ 4096000
@vgg19_net
input 3 224
0  conv1  Conv 3    64   224 226 3 1 IN 86704128
1  conv2  Conv 64   64   224 226 3 1 ^ 1849688064
2  pool1  Pool 64   64   112 224 2 2 ^ 3211264
3  conv3  Conv 64   128  112 114 3 1 ^ 924844032
4  conv4  Conv 128  128  112 114 3 1 ^ 1849688064
5  pool2  Pool 128  128  56  112 2 2 ^ 1605632
6  conv5  Conv 128  256  56  58  3 1 ^ 924844032
7  conv6  Conv 256  256  56  58  3 1 ^ 1849688064
8  conv7  Conv 256  256  56  58  3 1 ^ 1849688064
9  conv8  Conv 256  256  56  58  3 1 ^ 1849688064
10 pool3  Pool 256  256  28  56  2 2 ^ 802816
11 conv9  Conv 256  512  28  30  3 1 ^ 924844032
12 conv10 Conv 512  512  28  30  3 1 ^ 1849688064
13 conv11 Conv 512  512  28  30  3 1 ^ 1849688064
14 conv12 Conv 512  512  28  30  3 1 ^ 1849688064
15 pool4  Pool 512  512  14  28  2 2 ^ 401408
16 conv13 Conv 512  512  14  16  3 1 ^ 462422016
17 conv14 Conv 512  512  14  16  3 1 ^ 462422016
18 conv15 Conv 512  512  14  16  3 1 ^ 462422016
19 conv16 Conv 512  512  14  16  3 1 ^ 462422016
20 pool5  Pool 512  512  7   14  2 2 ^ 100352
21 fc1    FC   512  4096 1   7   7 1 ^ 102760448
22 fc2    FC   4096 4096 1   1   1 1 ^ 16777216
23 fc3    FC   4096 1000 1   1   1 1 ^ 4096000
@googlenet
input 3 224
0  conv1                   Conv 3    64   112 229 7 2 IN 118013952
1  pool1                   Pool 64   64   56  113 3 2 ^ 1806336
2  conv2_3x3_reduce        Conv 64   64   56  56  1 1 ^ 12845056
3  conv2_3x3               Conv 64   192  56  58  3 1 ^ 346816512
4  pool2                   Pool 192  192  28  57  3 2 ^ 1354752
5  inception_3a_1x1        Conv 192  64   28  28  1 1 ^ 9633792
6  inception_3a_3x3_reduce Conv 192  96   28  28  1 1 pool2 14450688
7  inception_3a_3x3        Conv 96   128  28  30  3 1 ^ 86704128
8  inception_3a_5x5_reduce Conv 192  16   28  28  1 1 pool2 2408448
9  inception_3a_5x5        Conv 16   32   28  32  5 1 ^ 10035200
10 inception_3a_pool_proj  Conv 192  32   28  28  1 1 pool2 4816896
11 inception_3b_1x1        Conv 256  128  28  28  1 1 inception_3a_1x1,inception_3a_3x3,inception_3a_5x5,inception_3a_pool_proj 25690112
12 inception_3b_3x3_reduce Conv 256  128  28  28  1 1 inception_3a_1x1,inception_3a_3x3,inception_3a_5x5,inception_3a_pool_proj 25690112
13 inception_3b_3x3        Conv 128  192  28  30  3 1 ^ 173408256
14 inception_3b_5x5_reduce Conv 256  32   28  28  1 1 inception_3a_1x1,inception_3a_3x3,inception_3a_5x5,inception_3a_pool_proj 6422528
15 inception_3b_5x5        Conv 32   96   28  32  5 1 ^ 60211200
16 inception_3b_pool_proj  Conv 256  64   28  28  1 1 inception_3a_1x1,inception_3a_3x3,inception_3a_5x5,inception_3a_pool_proj 12845056
17 pool3                   Pool 480  480  14  29  3 2 inception_3b_1x1,inception_3b_3x3,inception_3b_5x5,inception_3b_pool_proj 846720
18 inception_4a_1x1        Conv 480  192  14  14  1 1 ^ 18063360
19 inception_4a_3x3_reduce Conv 480  96   14  14  1 1 pool3 9031680
20 inception_4a_3x3        Conv 96   208  14  16  3 1 ^ 35223552
21 inception_4a_5x5_reduce Conv 480  16   14  14  1 1 pool3 1505280
22 inception_4a_5x5        Conv 16   48   14  18  5 1 ^ 3763200
23 inception_4a_pool_proj  Conv 480  64   14  14  1 1 pool3 6021120
24 inception_4b_1x1        Conv 512  160  14  14  1 1 inception_4a_1x1,inception_4a_3x3,inception_4a_5x5,inception_4a_pool_proj 16056320
25 inception_4b_3x3_reduce Conv 512  112  14  14  1 1 inception_4a_1x1,inception_4a_3x3,inception_4a_5x5,inception_4a_pool_proj 11239424
26 inception_4b_3x3        Conv 112  224  14  16  3 1 ^ 44255232
27 inception_4b_5x5_reduce Conv 512  24   14  14  1 1 inception_4a_1x1,inception_4a_3x3,inception_4a_5x5,inception_4a_pool_proj 2408448
28 inception_4b_5x5        Conv 24   64   14  18  5 1 ^ 7526400
29 inception_4b_pool_proj  Conv 512  64   14  14  1 1 inception_4a_1x1,inception_4a_3x3,inception_4a_5x5,inception_4a_pool_proj 6422528
30 inception_4c_1x1        Conv 512  128  14  14  1 1 inception_4b_1x1,inception_4b_3x3,inception_4b_5x5,inception_4b_pool_proj 12845056
31 inception_4c_3x3_reduce Conv 512  128  14  14  1 1 inception_4b_1x1,inception_4b_3x3,inception_4b_5x5,inception_4b_pool_proj 12845056
32 inception_4c_3x3        Conv 128  256  14  16  3 1 ^ 57802752
33 inception_4c_5x5_reduce Conv 512  24   14  14  1 1 inception_4b_1x1,inception_4b_3x3,inception_4b_5x5,inception_4b_pool_proj 2408448
34 inception_4c_5x5        Conv 24   64   14  18  5 1 ^ 7526400
35 inception_4c_pool_proj  Conv 512  64   14  14  1 1 inception_4b_1x1,inception_4b_3x3,inception_4b_5x5,inception_4b_pool_proj 6422528
36 inception_4d_1x1        Conv 512  112  14  14  1 1 inception_4c_1x1,inception_4c_3x3,inception_4c_5x5,inception_4c_pool_proj 11239424
37 inception_4d_3x3_reduce Conv 512  144  14  14  1 1 inception_4c_1x1,inception_4c_3x3,inception_4c_5x5,inception_4c_pool_proj 14450688
38 inception_4d_3x3        Conv 144  288  14  16  3 1 ^ 73156608
39 inception_4d_5x5_reduce Conv 512  32   14  14  1 1 inception_4c_1x1,inception_4c_3x3,inception_4c_5x5,inception_4c_pool_proj 3211264
40 inception_4d_5x5        Conv 32   64   14  18  5 1 ^ 10035200
41 inception_4d_pool_proj  Conv 512  64   14  14  1 1 inception_4c_1x1,inception_4c_3x3,inception_4c_5x5,inception_4c_pool_proj 6422528
42 inception_4e_1x1        Conv 528  256  14  14  1 1 inception_4d_1x1,inception_4d_3x3,inception_4d_5x5,inception_4d_pool_proj 26492928
43 inception_4e_3x3_reduce Conv 528  160  14  14  1 1 inception_4d_1x1,inception_4d_3x3,inception_4d_5x5,inception_4d_pool_proj 16558080
44 inception_4e_3x3        Conv 160  320  14  16  3 1 ^ 90316800
45 inception_4e_5x5_reduce Conv 528  32   14  14  1 1 inception_4d_1x1,inception_4d_3x3,inception_4d_5x5,inception_4d_pool_proj 3311616
46 inception_4e_5x5        Conv 32   128  14  18  5 1 ^ 20070400
47 inception_4e_pool_proj  Conv 528  128  14  14  1 1 inception_4d_1x1,inception_4d_3x3,inception_4d_5x5,inception_4d_pool_proj 13246464
48 pool4                   Pool 832  832  7   15  3 2 inception_4e_1x1,inception_4e_3x3,inception_4e_5x5,inception_4e_pool_proj 366912
49 inception_5a_1x1        Conv 832  256  7   7   1 1 ^ 10436608
50 inception_5a_3x3_reduce Conv 832  160  7   7   1 1 pool4 6522880
51 inception_5a_3x3        Conv 160  320  7   9   3 1 ^ 22579200
52 inception_5a_5x5_reduce Conv 832  32   7   7   1 1 pool4 1304576
53 inception_5a_5x5        Conv 32   128  7   11  5 1 ^ 5017600
54 inception_5a_pool_proj  Conv 832  128  7   7   1 1 pool4 5218304
55 inception_5b_1x1        Conv 832  384  7   7   1 1 inception_5a_1x1,inception_5a_3x3,inception_5a_5x5,inception_5a_pool_proj 15654912
56 inception_5b_3x3_reduce Conv 832  192  7   7   1 1 inception_5a_1x1,inception_5a_3x3,inception_5a_5x5,inception_5a_pool_proj 7827456
57 inception_5b_3x3        Conv 192  384  7   9   3 1 ^ 32514048
58 inception_5b_5x5_reduce Conv 832  48   7   7   1 1 inception_5a_1x1,inception_5a_3x3,inception_5a_5x5,inception_5a_pool_proj 1956864
59 inception_5b_5x5        Conv 48   128  7   11  5 1 ^ 7526400
60 inception_5b_pool_proj  Conv 832  128  7   7   1 1 inception_5a_1x1,inception_5a_3x3,inception_5a_5x5,inception_5a_pool_proj 5218304
61 pool5                   Pool 1024 1024 1   7   7 7 inception_5b_1x1,inception_5b_3x3,inception_5b_5x5,inception_5b_pool_proj 50176
62 fc                      FC   1024 1000 1   1   1 1 ^ 1024000
@resnet50
input 3 224
0  conv1       Conv 3    64   112 229 7       2 IN 118013952
1  pool1       Pool 64   64   56  113 3       2 ^ 1806336
2  conv2_0_a   Conv 64   64   56  56  1       1 ^ 12845056
3  conv2_0_b   Conv 64   64   56  58  3       1 ^ 115605504
4  conv2_0_c   Conv 64   256  56  56  1       1 ^ 51380224
5  conv2_br    Conv 64   256  56  56  1       1 pool1 51380224
6  conv2_0_res Eltw 512  256  56  56  1:n2/t2 1 conv2_br,conv2_0_c 1605632
7  conv2_1_a   Conv 256  64   56  56  1       1 ^ 51380224
8  conv2_1_b   Conv 64   64   56  58  3       1 ^ 115605504
9  conv2_1_c   Conv 64   256  56  56  1       1 ^ 51380224
10 conv2_1_res Eltw 512  256  56  56  1:n2/t2 1 conv2_0_res,conv2_1_c 1605632
11 conv2_2_a   Conv 256  64   56  56  1       1 ^ 51380224
12 conv2_2_b   Conv 64   64   56  58  3       1 ^ 115605504
13 conv2_2_c   Conv 64   256  56  56  1       1 ^ 51380224
14 conv2_2_res Eltw 512  256  56  56  1:n2/t2 1 conv2_1_res,conv2_2_c 1605632
15 conv3_0_a   Conv 256  128  28  55  1       2 ^ 25690112
16 conv3_0_b   Conv 128  128  28  30  3       1 ^ 115605504
17 conv3_0_c   Conv 128  512  28  28  1       1 ^ 51380224
18 conv3_br    Conv 256  512  28  55  1       2 conv2_2_res 102760448
19 conv3_0_res Eltw 1024 512  28  28  1:n2/t2 1 conv3_br,conv3_0_c 802816
20 conv3_1_a   Conv 512  128  28  28  1       1 ^ 51380224
21 conv3_1_b   Conv 128  128  28  30  3       1 ^ 115605504
22 conv3_1_c   Conv 128  512  28  28  1       1 ^ 51380224
23 conv3_1_res Eltw 1024 512  28  28  1:n2/t2 1 conv3_0_res,conv3_1_c 802816
24 conv3_2_a   Conv 512  128  28  28  1       1 ^ 51380224
25 conv3_2_b   Conv 128  128  28  30  3       1 ^ 115605504
26 conv3_2_c   Conv 128  512  28  28  1       1 ^ 51380224
27 conv3_2_res Eltw 1024 512  28  28  1:n2/t2 1 conv3_1_res,conv3_2_c 802816
28 conv3_3_a   Conv 512  128  28  28  1       1 ^ 51380224
29 conv3_3_b   Conv 128  128  28  30  3       1 ^ 115605504
30 conv3_3_c   Conv 128  512  28  28  1       1 ^ 51380224
31 conv3_3_res Eltw 1024 512  28  28  1:n2/t2 1 conv3_2_res,conv3_3_c 802816
32 conv4_0_a   Conv 512  256  14  27  1       2 ^ 25690112
33 conv4_0_b   Conv 256  256  14  16  3       1 ^ 115605504
34 conv4_0_c   Conv 256  1024 14  14  1       1 ^ 51380224
35 conv4_br    Conv 512  1024 14  27  1       2 conv3_3_res 102760448
36 conv4_0_res Eltw 2048 1024 14  14  1:n2/t2 1 conv4_br,conv4_0_c 401408
37 conv4_1_a   Conv 1024 256  14  14  1       1 ^ 51380224
38 conv4_1_b   Conv 256  256  14  16  3       1 ^ 115605504
39 conv4_1_c   Conv 256  1024 14  14  1       1 ^ 51380224
40 conv4_1_res Eltw 2048 1024 14  14  1:n2/t2 1 conv4_0_res,conv4_1_c 401408
41 conv4_2_a   Conv 1024 256  14  14  1       1 ^ 51380224
42 conv4_2_b   Conv 256  256  14  16  3       1 ^ 115605504
43 conv4_2_c   Conv 256  1024 14  14  1       1 ^ 51380224
44 conv4_2_res Eltw 2048 1024 14  14  1:n2/t2 1 conv4_1_res,conv4_2_c 401408
45 conv4_3_a   Conv 1024 256  14  14  1       1 ^ 51380224
46 conv4_3_b   Conv 256  256  14  16  3       1 ^ 115605504
47 conv4_3_c   Conv 256  1024 14  14  1       1 ^ 51380224
48 conv4_3_res Eltw 2048 1024 14  14  1:n2/t2 1 conv4_2_res,conv4_3_c 401408
49 conv4_4_a   Conv 1024 256  14  14  1       1 ^ 51380224
50 conv4_4_b   Conv 256  256  14  16  3       1 ^ 115605504
51 conv4_4_c   Conv 256  1024 14  14  1       1 ^ 51380224
52 conv4_4_res Eltw 2048 1024 14  14  1:n2/t2 1 conv4_3_res,conv4_4_c 401408
53 conv4_5_a   Conv 1024 256  14  14  1       1 ^ 51380224
54 conv4_5_b   Conv 256  256  14  16  3       1 ^ 115605504
55 conv4_5_c   Conv 256  1024 14  14  1       1 ^ 51380224
56 conv4_5_res Eltw 2048 1024 14  14  1:n2/t2 1 conv4_4_res,conv4_5_c 401408
57 conv5_0_a   Conv 1024 512  7   13  1       2 ^ 25690112
58 conv5_0_b   Conv 512  512  7   9   3       1 ^ 115605504
59 conv5_0_c   Conv 512  2048 7   7   1       1 ^ 51380224
60 conv5_br    Conv 1024 2048 7   13  1       2 conv4_5_res 102760448
61 conv5_0_res Eltw 4096 2048 7   7   1:n2/t2 1 conv5_br,conv5_0_c 200704
62 conv5_1_a   Conv 2048 512  7   7   1       1 ^ 51380224
63 conv5_1_b   Conv 512  512  7   9   3       1 ^ 115605504
64 conv5_1_c   Conv 512  2048 7   7   1       1 ^ 51380224
65 conv5_1_res Eltw 4096 2048 7   7   1:n2/t2 1 conv5_0_res,conv5_1_c 200704
66 conv5_2_a   Conv 2048 512  7   7   1       1 ^ 51380224
67 conv5_2_b   Conv 512  512  7   9   3       1 ^ 115605504
68 conv5_2_c   Conv 512  2048 7   7   1       1 ^ 51380224
69 conv5_2_res Eltw 4096 2048 7   7   1:n2/t2 1 conv5_1_res,conv5_2_c 200704
70 pool5       Pool 2048 2048 1   7   7       7 ^ 100352
71 fc          FC   2048 1000 1   1   1       1 ^ 2048000
@mobilenet
input 3 224
0  conv0        Conv   3    32   112 225 3 2 IN 10838016
1  dep_conv1    DWConv 32   32   112 114 3 1 ^ 3612672
2  point_conv1  Conv   32   64   112 112 1 1 ^ 25690112
3  dep_conv2    DWConv 64   64   56  113 3 2 ^ 1806336
4  point_conv2  Conv   64   128  56  56  1 1 ^ 25690112
5  dep_conv3    DWConv 128  128  56  58  3 1 ^ 3612672
6  point_conv3  Conv   128  128  56  56  1 1 ^ 51380224
7  dep_conv4    DWConv 128  128  28  57  3 2 ^ 903168
8  point_conv4  Conv   128  256  28  28  1 1 ^ 25690112
9  dep_conv5    DWConv 256  256  28  30  3 1 ^ 1806336
10 point_conv5  Conv   256  256  28  28  1 1 ^ 51380224
11 dep_conv6    DWConv 256  256  14  29  3 2 ^ 451584
12 point_conv6  Conv   256  512  14  14  1 1 ^ 25690112
13 dep_conv7    DWConv 512  512  14  16  3 1 ^ 903168
14 point_conv7  Conv   512  512  14  14  1 1 ^ 51380224
15 dep_conv8    DWConv 512  512  14  16  3 1 ^ 903168
16 point_conv8  Conv   512  512  14  14  1 1 ^ 51380224
17 dep_conv9    DWConv 512  512  14  16  3 1 ^ 903168
18 point_conv9  Conv   512  512  14  14  1 1 ^ 51380224
19 dep_conv10   DWConv 512  512  14  16  3 1 ^ 903168
20 point_conv10 Conv   512  512  14  14  1 1 ^ 51380224
21 dep_conv11   DWConv 512  512  14  16  3 1 ^ 903168
22 point_conv11 Conv   512  512  14  14  1 1 ^ 51380224
23 dep_conv12   DWConv 512  512  7   15  3 2 ^ 225792
24 point_conv12 Conv   512  1024 7   7   1 1 ^ 25690112
25 dep_conv13   DWConv 1024 1024 7   9   3 1 ^ 451584
26 point_conv13 Conv   1024 1024 7   7   1 1 ^ 51380224
27 pooling13    Pool   1024 1024 1   7   7 7 ^ 50176
28 fc           FC     1024 1000 1   1   1 1 ^ 1024000
@mlp_s
input 784 1
0 fc1 FC 784 500 1 1 1 1 IN 392000
1 fc2 FC 500 250 1 1 1 1 ^ 125000
2 fc3 FC 250 10  1 1 1 1 ^ 2500
@mlp_m
input 784 1
0 fc1 FC 784  1000 1 1 1 1 IN 784000
1 fc2 FC 1000 500  1 1 1 1 ^ 500000
2 fc3 FC 500  250  1 1 1 1 ^ 125000
3 fc4 FC 250  10   1 1 1 1 ^ 2500
@mlp_l
input 784 1
0 fc1 FC 784  1500 1 1 1 1 IN 1176000
1 fc2 FC 1500 1000 1 1 1 1 ^ 1500000
2 fc3 FC 1000 500  1 1 1 1 ^ 500000
3 fc4 FC 500  10   1 1 1 1 ^ 5000
@lstm_phoneme
input 26 1
ext cell_cinit 140 1
ext cell_hinit 140 1
0 We          FC   26  140 1 1 1       1 IN 3640
1 cell_cand   FC   280 140 1 1 1       1 cell_hinit,We 39200
2 cell_igate  FC   280 140 1 1 1       1 cell_hinit,We 39200
3 cell_fgate  FC   280 140 1 1 1       1 cell_hinit,We 39200
4 cell_ogate  FC   280 140 1 1 1       1 cell_hinit,We 39200
5 cell_cout_f Eltw 280 140 1 1 1:n2/t2 1 cell_cinit,cell_fgate 280
6 cell_cout_i Eltw 280 140 1 1 1:n2/t2 1 cell_cand,cell_igate 280
7 cell_cout   Eltw 280 140 1 1 1:n2/t2 1 cell_cout_i,cell_cout_f 280
8 cell_hout   Eltw 280 140 1 1 1:n2/t2 1 cell_cout,cell_ogate 280
9 Wd          FC   140 61  1 1 1       1 ^ 8540
@lstm_showtell
input 512 1
ext cell_cinit 512 1
ext cell_hinit 512 1
0 cell_cand   FC   1024 512 1 1 1       1 cell_hinit,IN 524288
1 cell_igate  FC   1024 512 1 1 1       1 cell_hinit,IN 524288
2 cell_fgate  FC   1024 512 1 1 1       1 cell_hinit,IN 524288
3 cell_ogate  FC   1024 512 1 1 1       1 cell_hinit,IN 524288
4 cell_cout_f Eltw 1024 512 1 1 1:n2/t2 1 cell_cinit,cell_fgate 1024
5 cell_cout_i Eltw 1024 512 1 1 1:n2/t2 1 cell_cand,cell_igate 1024
6 cell_cout   Eltw 1024 512 1 1 1:n2/t2 1 cell_cout_i,cell_cout_f 1024
7 cell_hout   Eltw 1024 512 1 1 1:n2/t2 1 cell_cout,cell_ogate 1024
8 Wd          Eltw 512  512 1 1 1       1 ^ 512
@lstm_gnmt
input 1000 1
ext cell_l0_cinit 1000 1
ext cell_l0_hinit 1000 1
ext cell_l1_cinit 1000 1
ext cell_l1_hinit 1000 1
ext cell_l2_cinit 1000 1
ext cell_l2_hinit 1000 1
ext cell_l3_cinit 1000 1
ext cell_l3_hinit 1000 1
0  cell_l0_cand   FC   2000 1000 1 1 1       1 cell_l0_hinit,IN 2000000
1  cell_l0_igate  FC   2000 1000 1 1 1       1 cell_l0_hinit,IN 2000000
2  cell_l0_fgate  FC   2000 1000 1 1 1       1 cell_l0_hinit,IN 2000000
3  cell_l0_ogate  FC   2000 1000 1 1 1       1 cell_l0_hinit,IN 2000000
4  cell_l0_cout_f Eltw 2000 1000 1 1 1:n2/t2 1 cell_l0_cinit,cell_l0_fgate 2000
5  cell_l0_cout_i Eltw 2000 1000 1 1 1:n2/t2 1 cell_l0_cand,cell_l0_igate 2000
6  cell_l0_cout   Eltw 2000 1000 1 1 1:n2/t2 1 cell_l0_cout_i,cell_l0_cout_f 2000
7  cell_l0_hout   Eltw 2000 1000 1 1 1:n2/t2 1 cell_l0_cout,cell_l0_ogate 2000
8  cell_l1_cand   FC   2000 1000 1 1 1       1 cell_l1_hinit,cell_l0_hout 2000000
9  cell_l1_igate  FC   2000 1000 1 1 1       1 cell_l1_hinit,cell_l0_hout 2000000
10 cell_l1_fgate  FC   2000 1000 1 1 1       1 cell_l1_hinit,cell_l0_hout 2000000
11 cell_l1_ogate  FC   2000 1000 1 1 1       1 cell_l1_hinit,cell_l0_hout 2000000
12 cell_l1_cout_f Eltw 2000 1000 1 1 1:n2/t2 1 cell_l1_cinit,cell_l1_fgate 2000
13 cell_l1_cout_i Eltw 2000 1000 1 1 1:n2/t2 1 cell_l1_cand,cell_l1_igate 2000
14 cell_l1_cout   Eltw 2000 1000 1 1 1:n2/t2 1 cell_l1_cout_i,cell_l1_cout_f 2000
15 cell_l1_hout   Eltw 2000 1000 1 1 1:n2/t2 1 cell_l1_cout,cell_l1_ogate 2000
16 cell_l2_cand   FC   2000 1000 1 1 1       1 cell_l2_hinit,cell_l1_hout 2000000
17 cell_l2_igate  FC   2000 1000 1 1 1       1 cell_l2_hinit,cell_l1_hout 2000000
18 cell_l2_fgate  FC   2000 1000 1 1 1       1 cell_l2_hinit,cell_l1_hout 2000000
19 cell_l2_ogate  FC   2000 1000 1 1 1       1 cell_l2_hinit,cell_l1_hout 2000000
20 cell_l2_cout_f Eltw 2000 1000 1 1 1:n2/t2 1 cell_l2_cinit,cell_l2_fgate 2000
21 cell_l2_cout_i Eltw 2000 1000 1 1 1:n2/t2 1 cell_l2_cand,cell_l2_igate 2000
22 cell_l2_cout   Eltw 2000 1000 1 1 1:n2/t2 1 cell_l2_cout_i,cell_l2_cout_f 2000
23 cell_l2_hout   Eltw 2000 1000 1 1 1:n2/t2 1 cell_l2_cout,cell_l2_ogate 2000
24 cell_l3_cand   FC   2000 1000 1 1 1       1 cell_l3_hinit,cell_l2_hout 2000000
25 cell_l3_igate  FC   2000 1000 1 1 1       1 cell_l3_hinit,cell_l2_hout 2000000
26 cell_l3_fgate  FC   2000 1000 1 1 1       1 cell_l3_hinit,cell_l2_hout 2000000
27 cell_l3_ogate  FC   2000 1000 1 1 1       1 cell_l3_hinit,cell_l2_hout 2000000
28 cell_l3_cout_f Eltw 2000 1000 1 1 1:n2/t2 1 cell_l3_cinit,cell_l3_fgate 2000
29 cell_l3_cout_i Eltw 2000 1000 1 1 1:n2/t2 1 cell_l3_cand,cell_l3_igate 2000
30 cell_l3_cout   Eltw 2000 1000 1 1 1:n2/t2 1 cell_l3_cout_i,cell_l3_cout_f 2000
31 cell_l3_hout   Eltw 2000 1000 1 1 1:n2/t2 1 cell_l3_cout,cell_l3_ogate 2000
32 Wd             Eltw 1000 1000 1 1 1       1 ^ 1000
@alex_net_bp
input 3 224
0  conv1_a        Conv   3    48   55  227 11      4 IN 52707600
1  conv1_b        Conv   3    48   55  227 11      4 IN 52707600
2  pool1_a        Pool   48   48   27  55  3       2 conv1_a 314928
3  pool1_b        Pool   48   48   27  55  3       2 conv1_b 314928
4  conv2_a        Conv   48   128  27  31  5       1 pool1_a 111974400
5  conv2_b        Conv   48   128  27  31  5       1 pool1_b 111974400
6  pool2_a        Pool   128  128  13  27  3       2 conv2_a 194688
7  pool2_b        Pool   128  128  13  27  3       2 conv2_b 194688
8  conv3_a        Conv   256  192  13  15  3       1 pool2_a,pool2_b 74760192
9  conv3_b        Conv   256  192  13  15  3       1 pool2_a,pool2_b 74760192
10 conv4_a        Conv   192  192  13  15  3       1 conv3_a 56070144
11 conv4_b        Conv   192  192  13  15  3       1 conv3_b 56070144
12 conv5_a        Conv   192  128  13  15  3       1 conv4_a 37380096
13 conv5_b        Conv   192  128  13  15  3       1 conv4_b 37380096
14 pool3_a        Pool   128  128  6   13  3       2 conv5_a 41472
15 pool3_b        Pool   128  128  6   13  3       2 conv5_b 41472
16 fc1            FC     256  4096 1   6   6       1 pool3_a,pool3_b 37748736
17 fc2            FC     4096 4096 1   1   1       1 ^ 16777216
18 fc3            FC     4096 1000 1   1   1       1 ^ 4096000
19 fc3_back       FCBA   1000 4096 1   1   1       1 ^ 4096000
20 fc2_back       FCBA   4096 4096 1   1   1       1 ^ 16777216
21 fc1_a_back     FCBA   4096 128  6   1   6       1 ^ 18874368
22 fc1_b_back     FCBA   4096 128  6   1   6       1 fc2_back 18874368
23 pool3_a_back   PoolB  128  128  13  6   3       2 fc1_a_back 41472
24 pool3_b_back   PoolB  128  128  13  6   3       2 fc1_b_back 41472
25 conv5_a_back   ConvBA 128  192  13  11  3       1 pool3_a_back 26763264
26 conv5_b_back   ConvBA 128  192  13  11  3       1 pool3_b_back 26763264
27 conv4_a_back   ConvBA 192  192  13  11  3       1 conv5_a_back 40144896
28 conv4_b_back   ConvBA 192  192  13  11  3       1 conv5_b_back 40144896
29 conv3_a_back   ConvBA 192  256  13  11  3       1 conv4_a_back 53526528
30 conv3_b_back   ConvBA 192  256  13  11  3       1 conv4_b_back 53526528
31 aggr_3_a       LR     512  128  13  13  1:n4/t4 1 conv3_a_back,conv3_b_back 86528
32 aggr_3_b       LR     512  128  13  13  1:n4/t4 1 conv3_a_back,conv3_b_back 86528
33 pool2_a_back   PoolB  128  128  27  13  3       2 aggr_3_a 194688
34 pool2_b_back   PoolB  128  128  27  13  3       2 aggr_3_b 194688
35 conv2_a_back   ConvBA 128  48   27  23  5       1 pool2_a_back 81254400
36 conv2_b_back   ConvBA 128  48   27  23  5       1 pool2_b_back 81254400
37 pool1_a_back   PoolB  48   48   55  27  3       2 conv2_a_back 314928
38 pool1_b_back   PoolB  48   48   55  27  3       2 conv2_b_back 314928
39 conv1_a_back   ConvBA 48   3    224 54  11      4 pool1_a_back 50808384
40 conv1_b_back   ConvBA 48   3    224 54  11      4 pool1_b_back 50808384
41 fc3_back_w     FCBW   1000 4096 1   1   1       1 fc3 4096000
42 fc2_back_w     FCBW   4096 4096 1   1   1       1 fc3_back 16777216
43 fc1_a_back_w   FCBW   4096 128  6   1   6       1 fc2_back 18874368
44 fc1_b_back_w   FCBW   4096 128  6   1   6       1 fc2_back 18874368
45 conv5_a_back_w ConvBW 128  192  13  11  3       1 pool3_a_back 26763264
46 conv5_b_back_w ConvBW 128  192  13  11  3       1 pool3_b_back 26763264
47 conv4_a_back_w ConvBW 192  192  13  11  3       1 conv5_a_back 40144896
48 conv4_b_back_w ConvBW 192  192  13  11  3       1 conv5_b_back 40144896
49 conv3_a_back_w ConvBW 192  256  13  11  3       1 conv4_a_back 53526528
50 conv3_b_back_w ConvBW 192  256  13  11  3       1 conv4_b_back 53526528
51 conv2_a_back_w ConvBW 128  48   27  23  5       1 pool2_a_back 81254400
52 conv2_b_back_w ConvBW 128  48   27  23  5       1 pool2_b_back 81254400
53 conv1_a_back_w ConvBW 48   3    224 54  11      4 pool1_a_back 50808384
54 conv1_b_back_w ConvBW 48   3    224 54  11      4 pool1_b_back 50808384
@zfnet_bp
input 3 224
0  conv1        Conv   3    96   110 225 7 2 IN 170755200
1  pool1        Pool   96   96   55  111 3 2 ^ 2613600
2  conv2        Conv   96   256  26  55  5 2 ^ 415334400
3  pool2        Pool   256  256  13  27  3 2 ^ 389376
4  conv3        Conv   256  512  13  15  3 1 ^ 199360512
5  conv4        Conv   512  1024 13  15  3 1 ^ 797442048
6  conv5        Conv   1024 512  13  15  3 1 ^ 797442048
7  pool3        Pool   512  512  6   13  3 2 ^ 165888
8  fc1          FC     512  4096 1   6   6 1 ^ 75497472
9  fc2          FC     4096 4096 1   1   1 1 ^ 16777216
10 fc3          FC     4096 1000 1   1   1 1 ^ 4096000
11 fc3_back     FCBA   1000 4096 1   1   1 1 ^ 4096000
12 fc2_back     FCBA   4096 4096 1   1   1 1 ^ 16777216
13 fc1_back     FCBA   4096 512  6   1   6 1 ^ 75497472
14 pool3_back   PoolB  512  512  13  6   3 2 ^ 165888
15 conv5_back   ConvBA 512  1024 13  11  3 1 ^ 570949632
16 conv4_back   ConvBA 1024 512  13  11  3 1 ^ 570949632
17 conv3_back   ConvBA 512  256  13  11  3 1 ^ 142737408
18 pool2_back   PoolB  256  256  26  12  3 2 ^ 331776
19 conv2_back   ConvBA 256  96   55  26  5 2 ^ 415334400
20 pool1_back   PoolB  96   96   110 54  3 2 ^ 2519424
21 conv1_back   ConvBA 96   3    224 109 7 2 ^ 167664672
22 fc3_back_w   FCBW   1000 4096 1   1   1 1 fc3 4096000
23 fc2_back_w   FCBW   4096 4096 1   1   1 1 fc3_back 16777216
24 fc1_back_w   FCBW   4096 512  6   1   6 1 fc2_back 75497472
25 pool3_back_w PoolB  512  512  13  6   3 2 fc1_back 165888
26 conv5_back_w ConvBW 512  1024 13  11  3 1 pool3_back 570949632
27 conv4_back_w ConvBW 1024 512  13  11  3 1 conv5_back 570949632
28 conv3_back_w ConvBW 512  256  13  11  3 1 conv4_back 142737408
29 pool2_back_w PoolB  256  256  26  12  3 2 conv3_back 331776
30 conv2_back_w ConvBW 256  96   55  26  5 2 pool2_back 415334400
31 pool1_back_w PoolB  96   96   110 54  3 2 conv2_back 2519424
32 conv1_back_w ConvBW 96   3    224 109 7 2 pool1_back 167664672
@vgg_net_bp
input 3 224
0  conv1         Conv   3    64   224 226 3 1 IN 86704128
1  conv2         Conv   64   64   224 226 3 1 ^ 1849688064
2  pool1         Pool   64   64   112 224 2 2 ^ 3211264
3  conv3         Conv   64   128  112 114 3 1 ^ 924844032
4  conv4         Conv   128  128  112 114 3 1 ^ 1849688064
5  pool2         Pool   128  128  56  112 2 2 ^ 1605632
6  conv5         Conv   128  256  56  58  3 1 ^ 924844032
7  conv6         Conv   256  256  56  58  3 1 ^ 1849688064
8  conv7         Conv   256  256  56  58  3 1 ^ 1849688064
9  pool3         Pool   256  256  28  56  2 2 ^ 802816
10 conv8         Conv   256  512  28  30  3 1 ^ 924844032
11 conv9         Conv   512  512  28  30  3 1 ^ 1849688064
12 conv10        Conv   512  512  28  30  3 1 ^ 1849688064
13 pool4         Pool   512  512  14  28  2 2 ^ 401408
14 conv11        Conv   512  512  14  16  3 1 ^ 462422016
15 conv12        Conv   512  512  14  16  3 1 ^ 462422016
16 conv13        Conv   512  512  14  16  3 1 ^ 462422016
17 pool5         Pool   512  512  7   14  2 2 ^ 100352
18 fc1           FC     512  4096 1   7   7 1 ^ 102760448
19 fc2           FC     4096 4096 1   1   1 1 ^ 16777216
20 fc3           FC     4096 1000 1   1   1 1 ^ 4096000
21 fc3_back      FCBA   1000 4096 1   1   1 1 ^ 4096000
22 fc2_back      FCBA   4096 4096 1   1   1 1 ^ 16777216
23 fc1_back      FCBA   4096 512  7   1   7 1 ^ 102760448
24 pool5_back    PoolB  512  512  14  7   2 2 ^ 100352
25 conv13_back   ConvBA 512  512  14  12  3 1 ^ 339738624
26 conv12_back   ConvBA 512  512  14  12  3 1 ^ 339738624
27 conv11_back   ConvBA 512  512  14  12  3 1 ^ 339738624
28 pool4_back    PoolB  512  512  28  14  2 2 ^ 401408
29 conv10_back   ConvBA 512  512  28  26  3 1 ^ 1594884096
30 conv9_back    ConvBA 512  512  28  26  3 1 ^ 1594884096
31 conv8_back    ConvBA 512  256  28  26  3 1 ^ 797442048
32 pool3_back    PoolB  256  256  56  28  2 2 ^ 802816
33 conv7_back    ConvBA 256  256  56  54  3 1 ^ 1719926784
34 conv6_back    ConvBA 256  256  56  54  3 1 ^ 1719926784
35 conv5_back    ConvBA 256  128  56  54  3 1 ^ 859963392
36 pool2_back    PoolB  128  128  112 56  2 2 ^ 1605632
37 conv4_back    ConvBA 128  128  112 110 3 1 ^ 1784217600
38 conv3_back    ConvBA 128  64   112 110 3 1 ^ 892108800
39 pool1_back    PoolB  64   64   224 112 2 2 ^ 3211264
40 conv2_back    ConvBA 64   64   224 222 3 1 ^ 1816805376
41 conv1_back    ConvBA 64   3    224 222 3 1 ^ 85162752
42 fc3_back_w    FCBW   1000 4096 1   1   1 1 fc3 4096000
43 fc2_back_w    FCBW   4096 4096 1   1   1 1 fc3_back 16777216
44 fc1_back_w    FCBW   4096 512  7   1   7 1 fc2_back 102760448
45 pool5_back_w  PoolB  512  512  14  7   2 2 fc1_back 100352
46 conv13_back_w ConvBW 512  512  14  12  3 1 pool5_back 339738624
47 conv12_back_w ConvBW 512  512  14  12  3 1 conv13_back 339738624
48 conv11_back_w ConvBW 512  512  14  12  3 1 conv12_back 339738624
49 pool4_back_w  PoolB  512  512  28  14  2 2 conv11_back 401408
50 conv10_back_w ConvBW 512  512  28  26  3 1 pool4_back 1594884096
51 conv9_back_w  ConvBW 512  512  28  26  3 1 conv10_back 1594884096
52 conv8_back_w  ConvBW 512  256  28  26  3 1 conv9_back 797442048
53 pool3_back_w  PoolB  256  256  56  28  2 2 conv8_back 802816
54 conv7_back_w  ConvBW 256  256  56  54  3 1 pool3_back 1719926784
55 conv6_back_w  ConvBW 256  256  56  54  3 1 conv7_back 1719926784
56 conv5_back_w  ConvBW 256  128  56  54  3 1 conv6_back 859963392
57 pool2_back_w  PoolB  128  128  112 56  2 2 conv5_back 1605632
58 conv4_back_w  ConvBW 128  128  112 110 3 1 pool2_back 1784217600
59 conv3_back_w  ConvBW 128  64   112 110 3 1 conv4_back 892108800
60 pool1_back_w  PoolB  64   64   224 112 2 2 conv3_back 3211264
61 conv2_back_w  ConvBW 64   64   224 222 3 1 pool1_back 1816805376
62 conv1_back_w  ConvBW 64   3    224 222 3 1 conv2_back 85162752
@mlp_l_bp
input 784 1
0  fc1        FC   784  1500 1 1 1 1 IN 1176000
1  fc2        FC   1500 1000 1 1 1 1 ^ 1500000
2  fc3        FC   1000 500  1 1 1 1 ^ 500000
3  fc4        FC   500  10   1 1 1 1 ^ 5000
4  fc4_back   FCBA 10   500  1 1 1 1 ^ 5000
5  fc3_back   FCBA 500  1000 1 1 1 1 ^ 500000
6  fc2_back   FCBA 1000 1500 1 1 1 1 ^ 1500000
7  fc1_back   FCBA 1500 784  1 1 1 1 ^ 1176000
8  fc4_back_w FCBW 10   500  1 1 1 1 fc4 5000
9  fc3_back_w FCBW 500  1000 1 1 1 1 fc4_back 500000
10 fc2_back_w FCBW 1000 1500 1 1 1 1 fc3_back 1500000
11 fc1_back_w FCBW 1500 784  1 1 1 1 fc2_back 1176000
@mobilenet_bp
input 3 224
0  conv0               Conv   3    32   112 225 3 2 IN 10838016
1  dep_conv1           DWConv 32   32   112 114 3 1 ^ 3612672
2  point_conv1         Conv   32   64   112 112 1 1 ^ 25690112
3  dep_conv2           DWConv 64   64   56  113 3 2 ^ 1806336
4  point_conv2         Conv   64   128  56  56  1 1 ^ 25690112
5  dep_conv3           DWConv 128  128  56  58  3 1 ^ 3612672
6  point_conv3         Conv   128  128  56  56  1 1 ^ 51380224
7  dep_conv4           DWConv 128  128  28  57  3 2 ^ 903168
8  point_conv4         Conv   128  256  28  28  1 1 ^ 25690112
9  dep_conv5           DWConv 256  256  28  30  3 1 ^ 1806336
10 point_conv5         Conv   256  256  28  28  1 1 ^ 51380224
11 dep_conv6           DWConv 256  256  14  29  3 2 ^ 451584
12 point_conv6         Conv   256  512  14  14  1 1 ^ 25690112
13 dep_conv7           DWConv 512  512  14  16  3 1 ^ 903168
14 point_conv7         Conv   512  512  14  14  1 1 ^ 51380224
15 dep_conv8           DWConv 512  512  14  16  3 1 ^ 903168
16 point_conv8         Conv   512  512  14  14  1 1 ^ 51380224
17 dep_conv9           DWConv 512  512  14  16  3 1 ^ 903168
18 point_conv9         Conv   512  512  14  14  1 1 ^ 51380224
19 dep_conv10          DWConv 512  512  14  16  3 1 ^ 903168
20 point_conv10        Conv   512  512  14  14  1 1 ^ 51380224
21 dep_conv11          DWConv 512  512  14  16  3 1 ^ 903168
22 point_conv11        Conv   512  512  14  14  1 1 ^ 51380224
23 dep_conv12          DWConv 512  512  7   15  3 2 ^ 225792
24 point_conv12        Conv   512  1024 7   7   1 1 ^ 25690112
25 dep_conv13          DWConv 1024 1024 7   9   3 1 ^ 451584
26 point_conv13        Conv   1024 1024 7   7   1 1 ^ 51380224
27 pooling13           Pool   1024 1024 1   7   7 7 ^ 50176
28 fc                  FC     1024 1000 1   1   1 1 ^ 1024000
29 fc_back             FCBA   1000 1024 1   1   1 1 ^ 1024000
30 pooling13_back      PoolB  1024 1024 7   1   7 7 ^ 50176
31 point_conv13_back   ConvBA 1024 1024 7   7   1 1 ^ 51380224
32 dep_conv13_back     DWBA   1024 1024 7   5   3 1 ^ 230400
33 point_conv12_back   ConvBA 1024 512  7   7   1 1 ^ 25690112
34 dep_conv12_back     DWBA   512  512  14  6   3 2 ^ 165888
35 point_conv11_back   ConvBA 512  512  14  14  1 1 ^ 51380224
36 dep_conv11_back     DWBA   512  512  14  12  3 1 ^ 663552
37 point_conv10_back   ConvBA 512  512  14  14  1 1 ^ 51380224
38 dep_conv10_back     DWBA   512  512  14  12  3 1 ^ 663552
39 point_conv9_back    ConvBA 512  512  14  14  1 1 ^ 51380224
40 dep_conv9_back      DWBA   512  512  14  12  3 1 ^ 663552
41 point_conv8_back    ConvBA 512  512  14  14  1 1 ^ 51380224
42 dep_conv8_back      DWBA   512  512  14  12  3 1 ^ 663552
43 point_conv7_back    ConvBA 512  512  14  14  1 1 ^ 51380224
44 dep_conv7_back      DWBA   512  512  14  12  3 1 ^ 663552
45 point_conv6_back    ConvBA 512  256  14  14  1 1 ^ 25690112
46 dep_conv6_back      DWBA   256  256  28  13  3 2 ^ 389376
47 point_conv5_back    ConvBA 256  256  28  28  1 1 ^ 51380224
48 dep_conv5_back      DWBA   256  256  28  26  3 1 ^ 1557504
49 point_conv4_back    ConvBA 256  128  28  28  1 1 ^ 25690112
50 dep_conv4_back      DWBA   128  128  56  27  3 2 ^ 839808
51 point_conv3_back    ConvBA 128  128  56  56  1 1 ^ 51380224
52 dep_conv3_back      DWBA   128  128  56  54  3 1 ^ 3359232
53 point_conv2_back    ConvBA 128  64   56  56  1 1 ^ 25690112
54 dep_conv2_back      DWBA   64   64   112 55  3 2 ^ 1742400
55 point_conv1_back    ConvBA 64   32   112 112 1 1 ^ 25690112
56 dep_conv1_back      DWBA   32   32   112 110 3 1 ^ 3484800
57 conv0_back          ConvBA 32   3    224 111 3 2 ^ 10645344
58 fc_back_w           FCBW   1000 1024 1   1   1 1 fc 1024000
59 pooling13_back_w    PoolB  1024 1024 7   1   7 7 fc_back 50176
60 point_conv13_back_w ConvBW 1024 1024 7   7   1 1 pooling13_back 51380224
61 dep_conv13_back_w   DWBW   1024 1024 7   5   3 1 point_conv13_back 230400
62 point_conv12_back_w ConvBW 1024 512  7   7   1 1 dep_conv13_back 25690112
63 dep_conv12_back_w   DWBW   512  512  14  6   3 2 point_conv12_back 165888
64 point_conv11_back_w ConvBW 512  512  14  14  1 1 dep_conv12_back 51380224
65 dep_conv11_back_w   DWBW   512  512  14  12  3 1 point_conv11_back 663552
66 point_conv10_back_w ConvBW 512  512  14  14  1 1 dep_conv11_back 51380224
67 dep_conv10_back_w   DWBW   512  512  14  12  3 1 point_conv10_back 663552
68 point_conv9_back_w  ConvBW 512  512  14  14  1 1 dep_conv10_back 51380224
69 dep_conv9_back_w    DWBW   512  512  14  12  3 1 point_conv9_back 663552
70 point_conv8_back_w  ConvBW 512  512  14  14  1 1 dep_conv9_back 51380224
71 dep_conv8_back_w    DWBW   512  512  14  12  3 1 point_conv8_back 663552
72 point_conv7_back_w  ConvBW 512  512  14  14  1 1 dep_conv8_back 51380224
73 dep_conv7_back_w    DWBW   512  512  14  12  3 1 point_conv7_back 663552
74 point_conv6_back_w  ConvBW 512  256  14  14  1 1 dep_conv7_back 25690112
75 dep_conv6_back_w    DWBW   256  256  28  13  3 2 point_conv6_back 389376
76 point_conv5_back_w  ConvBW 256  256  28  28  1 1 dep_conv6_back 51380224
77 dep_conv5_back_w    DWBW   256  256  28  26  3 1 point_conv5_back 1557504
78 point_conv4_back_w  ConvBW 256  128  28  28  1 1 dep_conv5_back 25690112
79 dep_conv4_back_w    DWBW   128  128  56  27  3 2 point_conv4_back 839808
80 point_conv3_back_w  ConvBW 128  128  56  56  1 1 dep_conv4_back 51380224
81 dep_conv3_back_w    DWBW   128  128  56  54  3 1 point_conv3_back 3359232
82 point_conv2_back_w  ConvBW 128  64   56  56  1 1 dep_conv3_back 25690112
83 dep_conv2_back_w    DWBW   64   64   112 55  3 2 point_conv2_back 1742400
84 point_conv1_back_w  ConvBW 64   32   112 112 1 1 dep_conv2_back 25690112
85 dep_conv1_back_w    DWBW   32   32   112 110 3 1 point_conv1_back 3484800
86 conv0_back_w        ConvBW 32   3    224 111 3 2 dep_conv1_back 10645344
@lstm_gnmt_bp
input 1000 1
ext cell_l0_cinit 1000 1
ext cell_l0_hinit 1000 1
ext cell_l1_cinit 1000 1
ext cell_l1_hinit 1000 1
ext cell_l2_cinit 1000 1
ext cell_l2_hinit 1000 1
ext cell_l3_cinit 1000 1
ext cell_l3_hinit 1000 1
0   cell_l0_cand              FC    2000 1000 1 1 1       1 cell_l0_hinit,IN 2000000
1   cell_l0_igate             FC    2000 1000 1 1 1       1 cell_l0_hinit,IN 2000000
2   cell_l0_fgate             FC    2000 1000 1 1 1       1 cell_l0_hinit,IN 2000000
3   cell_l0_ogate             FC    2000 1000 1 1 1       1 cell_l0_hinit,IN 2000000
4   cell_l0_cout_f            Eltw  2000 1000 1 1 1:n2/t2 1 cell_l0_cinit,cell_l0_fgate 2000
5   cell_l0_cout_i            Eltw  2000 1000 1 1 1:n2/t2 1 cell_l0_cand,cell_l0_igate 2000
6   cell_l0_cout              Eltw  2000 1000 1 1 1:n2/t2 1 cell_l0_cout_i,cell_l0_cout_f 2000
7   cell_l0_hout              Eltw  2000 1000 1 1 1:n2/t2 1 cell_l0_cout,cell_l0_ogate 2000
8   cell_l1_cand              FC    2000 1000 1 1 1       1 cell_l1_hinit,cell_l0_hout 2000000
9   cell_l1_igate             FC    2000 1000 1 1 1       1 cell_l1_hinit,cell_l0_hout 2000000
10  cell_l1_fgate             FC    2000 1000 1 1 1       1 cell_l1_hinit,cell_l0_hout 2000000
11  cell_l1_ogate             FC    2000 1000 1 1 1       1 cell_l1_hinit,cell_l0_hout 2000000
12  cell_l1_cout_f            Eltw  2000 1000 1 1 1:n2/t2 1 cell_l1_cinit,cell_l1_fgate 2000
13  cell_l1_cout_i            Eltw  2000 1000 1 1 1:n2/t2 1 cell_l1_cand,cell_l1_igate 2000
14  cell_l1_cout              Eltw  2000 1000 1 1 1:n2/t2 1 cell_l1_cout_i,cell_l1_cout_f 2000
15  cell_l1_hout              Eltw  2000 1000 1 1 1:n2/t2 1 cell_l1_cout,cell_l1_ogate 2000
16  cell_l2_cand              FC    2000 1000 1 1 1       1 cell_l2_hinit,cell_l1_hout 2000000
17  cell_l2_igate             FC    2000 1000 1 1 1       1 cell_l2_hinit,cell_l1_hout 2000000
18  cell_l2_fgate             FC    2000 1000 1 1 1       1 cell_l2_hinit,cell_l1_hout 2000000
19  cell_l2_ogate             FC    2000 1000 1 1 1       1 cell_l2_hinit,cell_l1_hout 2000000
20  cell_l2_cout_f            Eltw  2000 1000 1 1 1:n2/t2 1 cell_l2_cinit,cell_l2_fgate 2000
21  cell_l2_cout_i            Eltw  2000 1000 1 1 1:n2/t2 1 cell_l2_cand,cell_l2_igate 2000
22  cell_l2_cout              Eltw  2000 1000 1 1 1:n2/t2 1 cell_l2_cout_i,cell_l2_cout_f 2000
23  cell_l2_hout              Eltw  2000 1000 1 1 1:n2/t2 1 cell_l2_cout,cell_l2_ogate 2000
24  cell_l3_cand              FC    2000 1000 1 1 1       1 cell_l3_hinit,cell_l2_hout 2000000
25  cell_l3_igate             FC    2000 1000 1 1 1       1 cell_l3_hinit,cell_l2_hout 2000000
26  cell_l3_fgate             FC    2000 1000 1 1 1       1 cell_l3_hinit,cell_l2_hout 2000000
27  cell_l3_ogate             FC    2000 1000 1 1 1       1 cell_l3_hinit,cell_l2_hout 2000000
28  cell_l3_cout_f            Eltw  2000 1000 1 1 1:n2/t2 1 cell_l3_cinit,cell_l3_fgate 2000
29  cell_l3_cout_i            Eltw  2000 1000 1 1 1:n2/t2 1 cell_l3_cand,cell_l3_igate 2000
30  cell_l3_cout              Eltw  2000 1000 1 1 1:n2/t2 1 cell_l3_cout_i,cell_l3_cout_f 2000
31  cell_l3_hout              Eltw  2000 1000 1 1 1:n2/t2 1 cell_l3_cout,cell_l3_ogate 2000
32  Wd                        Eltw  1000 1000 1 1 1       1 ^ 1000
33  Wd_back                   Eltw  1000 1000 1 1 1       1 ^ 1000
34  cell_l3_hout_back_o_gate  EltwB 1000 1000 1 1 1       1 ^ 1000
35  cell_l3_hout_back_cout    EltwB 1000 1000 1 1 1       1 Wd_back 1000
36  cell_l3_cout_aggr         Eltw  1000 1000 1 1 1       1 ^ 1000
37  cell_l3_cout_back_coutf   EltwB 1000 1000 1 1 1       1 ^ 1000
38  cell_l3_cout_back_couti   EltwB 1000 1000 1 1 1       1 cell_l3_cout_aggr 1000
39  cell_l3_coutf_back_f_gate EltwB 1000 1000 1 1 1       1 cell_l3_cout_back_coutf 1000
40  cell_l3_couti_back_i_gate EltwB 1000 1000 1 1 1       1 cell_l3_cout_back_couti 1000
41  cell_l3_couti_back_cand   EltwB 1000 1000 1 1 1       1 cell_l3_cout_back_couti 1000
42  cell_l3_ogate_back_xin    FCBA  1000 1000 1 1 1       1 cell_l3_hout_back_o_gate 1000000
43  cell_l3_ogate_back_w_upd  FCBW  1000 1000 1 1 1       1 cell_l3_hout_back_o_gate 1000000
44  cell_l3_fgate_back_xin    FCBA  1000 1000 1 1 1       1 cell_l3_coutf_back_f_gate 1000000
45  cell_l3_fgate_back_w_upd  FCBW  1000 1000 1 1 1       1 cell_l3_coutf_back_f_gate 1000000
46  cell_l3_igate_back_xin    FCBA  1000 1000 1 1 1       1 cell_l3_couti_back_i_gate 1000000
47  cell_l3_igate_back_w_upd  FCBW  1000 1000 1 1 1       1 cell_l3_couti_back_i_gate 1000000
48  cell_l3_cand_back_xin     FCBA  1000 1000 1 1 1       1 cell_l3_couti_back_cand 1000000
49  cell_l3_cand_back_w_upd   FCBW  1000 1000 1 1 1       1 cell_l3_couti_back_cand 1000000
50  cell_l3_xin_aggr          Eltw  4000 1000 1 1 1:n4/t4 1 cell_l3_ogate_back_xin,cell_l3_fgate_back_xin,cell_l3_igate_back_xin,cell_l3_cand_back_xin 4000
51  cell_l2_hout_back_o_gate  EltwB 1000 1000 1 1 1       1 ^ 1000
52  cell_l2_hout_back_cout    EltwB 1000 1000 1 1 1       1 cell_l3_xin_aggr 1000
53  cell_l2_cout_aggr         Eltw  1000 1000 1 1 1       1 ^ 1000
54  cell_l2_cout_back_coutf   EltwB 1000 1000 1 1 1       1 ^ 1000
55  cell_l2_cout_back_couti   EltwB 1000 1000 1 1 1       1 cell_l2_cout_aggr 1000
56  cell_l2_coutf_back_f_gate EltwB 1000 1000 1 1 1       1 cell_l2_cout_back_coutf 1000
57  cell_l2_couti_back_i_gate EltwB 1000 1000 1 1 1       1 cell_l2_cout_back_couti 1000
58  cell_l2_couti_back_cand   EltwB 1000 1000 1 1 1       1 cell_l2_cout_back_couti 1000
59  cell_l2_ogate_back_xin    FCBA  1000 1000 1 1 1       1 cell_l2_hout_back_o_gate 1000000
60  cell_l2_ogate_back_w_upd  FCBW  1000 1000 1 1 1       1 cell_l2_hout_back_o_gate 1000000
61  cell_l2_fgate_back_xin    FCBA  1000 1000 1 1 1       1 cell_l2_coutf_back_f_gate 1000000
62  cell_l2_fgate_back_w_upd  FCBW  1000 1000 1 1 1       1 cell_l2_coutf_back_f_gate 1000000
63  cell_l2_igate_back_xin    FCBA  1000 1000 1 1 1       1 cell_l2_couti_back_i_gate 1000000
64  cell_l2_igate_back_w_upd  FCBW  1000 1000 1 1 1       1 cell_l2_couti_back_i_gate 1000000
65  cell_l2_cand_back_xin     FCBA  1000 1000 1 1 1       1 cell_l2_couti_back_cand 1000000
66  cell_l2_cand_back_w_upd   FCBW  1000 1000 1 1 1       1 cell_l2_couti_back_cand 1000000
67  cell_l2_xin_aggr          Eltw  4000 1000 1 1 1:n4/t4 1 cell_l2_ogate_back_xin,cell_l2_fgate_back_xin,cell_l2_igate_back_xin,cell_l2_cand_back_xin 4000
68  cell_l1_hout_back_o_gate  EltwB 1000 1000 1 1 1       1 ^ 1000
69  cell_l1_hout_back_cout    EltwB 1000 1000 1 1 1       1 cell_l2_xin_aggr 1000
70  cell_l1_cout_aggr         Eltw  1000 1000 1 1 1       1 ^ 1000
71  cell_l1_cout_back_coutf   EltwB 1000 1000 1 1 1       1 ^ 1000
72  cell_l1_cout_back_couti   EltwB 1000 1000 1 1 1       1 cell_l1_cout_aggr 1000
73  cell_l1_coutf_back_f_gate EltwB 1000 1000 1 1 1       1 cell_l1_cout_back_coutf 1000
74  cell_l1_couti_back_i_gate EltwB 1000 1000 1 1 1       1 cell_l1_cout_back_couti 1000
75  cell_l1_couti_back_cand   EltwB 1000 1000 1 1 1       1 cell_l1_cout_back_couti 1000
76  cell_l1_ogate_back_xin    FCBA  1000 1000 1 1 1       1 cell_l1_hout_back_o_gate 1000000
77  cell_l1_ogate_back_w_upd  FCBW  1000 1000 1 1 1       1 cell_l1_hout_back_o_gate 1000000
78  cell_l1_fgate_back_xin    FCBA  1000 1000 1 1 1       1 cell_l1_coutf_back_f_gate 1000000
79  cell_l1_fgate_back_w_upd  FCBW  1000 1000 1 1 1       1 cell_l1_coutf_back_f_gate 1000000
80  cell_l1_igate_back_xin    FCBA  1000 1000 1 1 1       1 cell_l1_couti_back_i_gate 1000000
81  cell_l1_igate_back_w_upd  FCBW  1000 1000 1 1 1       1 cell_l1_couti_back_i_gate 1000000
82  cell_l1_cand_back_xin     FCBA  1000 1000 1 1 1       1 cell_l1_couti_back_cand 1000000
83  cell_l1_cand_back_w_upd   FCBW  1000 1000 1 1 1       1 cell_l1_couti_back_cand 1000000
84  cell_l1_xin_aggr          Eltw  4000 1000 1 1 1:n4/t4 1 cell_l1_ogate_back_xin,cell_l1_fgate_back_xin,cell_l1_igate_back_xin,cell_l1_cand_back_xin 4000
85  cell_l0_hout_back_o_gate  EltwB 1000 1000 1 1 1       1 ^ 1000
86  cell_l0_hout_back_cout    EltwB 1000 1000 1 1 1       1 cell_l1_xin_aggr 1000
87  cell_l0_cout_aggr         Eltw  1000 1000 1 1 1       1 ^ 1000
88  cell_l0_cout_back_coutf   EltwB 1000 1000 1 1 1       1 ^ 1000
89  cell_l0_cout_back_couti   EltwB 1000 1000 1 1 1       1 cell_l0_cout_aggr 1000
90  cell_l0_coutf_back_f_gate EltwB 1000 1000 1 1 1       1 cell_l0_cout_back_coutf 1000
91  cell_l0_couti_back_i_gate EltwB 1000 1000 1 1 1       1 cell_l0_cout_back_couti 1000
92  cell_l0_couti_back_cand   EltwB 1000 1000 1 1 1       1 cell_l0_cout_back_couti 1000
93  cell_l0_ogate_back_xin    FCBA  1000 1000 1 1 1       1 cell_l0_hout_back_o_gate 1000000
94  cell_l0_ogate_back_w_upd  FCBW  1000 1000 1 1 1       1 cell_l0_hout_back_o_gate 1000000
95  cell_l0_fgate_back_xin    FCBA  1000 1000 1 1 1       1 cell_l0_coutf_back_f_gate 1000000
96  cell_l0_fgate_back_w_upd  FCBW  1000 1000 1 1 1       1 cell_l0_coutf_back_f_gate 1000000
97  cell_l0_igate_back_xin    FCBA  1000 1000 1 1 1       1 cell_l0_couti_back_i_gate 1000000
98  cell_l0_igate_back_w_upd  FCBW  1000 1000 1 1 1       1 cell_l0_couti_back_i_gate 1000000
99  cell_l0_cand_back_xin     FCBA  1000 1000 1 1 1       1 cell_l0_couti_back_cand 1000000
100 cell_l0_cand_back_w_upd   FCBW  1000 1000 1 1 1       1 cell_l0_couti_back_cand 1000000
101 cell_l0_xin_aggr          Eltw  4000 1000 1 1 1:n4/t4 1 cell_l0_ogate_back_xin,cell_l0_fgate_back_xin,cell_l0_igate_back_xin,cell_l0_cand_back_xin 4000
@googlenet_bp excerpt
63 fc_back                        FCBA   1000 1024 1 1 1       1 ^ 1024000
64 fc_back_w                      FCBW   1000 1024 1 1 1       1 fc 1024000
65 pool5_back                     PoolB  1024 1024 7 1 7       7 ^ 50176
66 inception_5b_back_1x1_input    Conv   1024 384  7 7 1       1 ^ 19267584
67 inception_5b_back_3x3_input    Conv   1024 384  7 7 1       1 pool5_back 19267584
68 inception_5b_back_5x5_input    Conv   1024 128  7 7 1       1 pool5_back 6422528
69 inception_5b_back_pool_input   Conv   1024 128  7 7 1       1 pool5_back 6422528
70 inception_5b_back1x1           ConvBA 384  832  7 7 1       1 inception_5b_back_1x1_input 15654912
71 inception_5b_back_w_1x1        ConvBW 384  832  7 7 1       1 inception_5b_back_1x1_input 15654912
72 inception_5b_back3x3           ConvBA 384  192  7 5 3       1 inception_5b_back_3x3_input 16588800
73 inception_5b_back_w_3x3        ConvBW 384  192  7 5 3       1 inception_5b_back_3x3_input 16588800
74 inception_5b_back3x3_reduce    ConvBA 192  832  7 7 1       1 inception_5b_back3x3 7827456
75 inception_5b_back_w_3x3_reduce ConvBW 192  832  7 7 1       1 inception_5b_back3x3 7827456
76 inception_5b_back5x5           ConvBA 128  48   7 3 5       1 inception_5b_back_5x5_input 1382400
77 inception_5b_back_w_5x5        ConvBW 128  48   7 3 5       1 inception_5b_back_5x5_input 1382400
78 inception_5b_back5x5_reduce    ConvBA 48   832  7 7 1       1 inception_5b_back5x5 1956864
79 inception_5b_back_w_5x5_reduce ConvBW 48   832  7 7 1       1 inception_5b_back5x5 1956864
80 inception_5b_backpool_proj     ConvBA 128  832  7 7 1       1 inception_5b_back_pool_input 5218304
81 inception_5b_back_w_pool_proj  ConvBW 128  832  7 7 1       1 inception_5b_back_pool_input 5218304
82 inception_5b_aggr              Eltw   3328 832  7 7 1:n4/t4 1 inception_5b_back1x1,inception_5b_back3x3_reduce,inception_5b_back5x5_reduce,inception_5b_backpool_proj 163072
83 inception_5a_back_1x1_input    Conv   832  256  7 7 1       1 ^ 10436608
84 inception_5a_back_3x3_input    Conv   832  320  7 7 1       1 inception_5b_aggr 13045760
85 inception_5a_back_5x5_input    Conv   832  128  7 7 1       1 inception_5b_aggr 5218304
86 inception_5a_back_pool_input   Conv   832  128  7 7 1       1 inception_5b_aggr 5218304
87 inception_5a_back1x1           ConvBA 256  832  7 7 1       1 inception_5a_back_1x1_input 10436608
88 inception_5a_back_w_1x1        ConvBW 256  832  7 7 1       1 inception_5a_back_1x1_input 10436608
89 inception_5a_back3x3           ConvBA 320  160  7 5 3       1 inception_5a_back_3x3_input 11520000
@resnet50_bp excerpt
72  fc_back             FCBA   1000 2048 1   1   1 1 ^ 2048000
73  fc_back_w           FCBW   1000 2048 1   1   1 1 fc 2048000
74  pool5_back          PoolB  2048 2048 7   1   7 7 fc_back 100352
75  conv5_2_res_back_c  Eltw   2048 2048 7   7   1 1 ^ 100352
76  conv5_2_res_back_br Eltw   2048 2048 7   7   1 1 pool5_back 100352
77  conv5_2_c_back      ConvBA 2048 512  7   7   1 1 conv5_2_res_back_c 51380224
78  conv5_2_c_back_w    ConvBW 2048 512  7   7   1 1 conv5_2_res_back_c 51380224
79  conv5_2_b_back      ConvBA 512  512  7   5   3 1 conv5_2_c_back 58982400
80  conv5_2_b_back_w    ConvBW 512  512  7   5   3 1 conv5_2_c_back 58982400
81  conv5_2_a_back      ConvBA 512  2048 7   7   1 1 conv5_2_b_back 51380224
82  conv5_2_a_back_w    ConvBW 512  2048 7   7   1 1 conv5_2_b_back 51380224
83  conv5_1_res_back_c  Eltw   2048 2048 7   7   1 1 conv5_2_a_back 100352
84  conv5_1_res_back_br Eltw   2048 2048 7   7   1 1 conv5_2_a_back 100352
85  conv5_1_c_back      ConvBA 2048 512  7   7   1 1 conv5_1_res_back_c 51380224
86  conv5_1_c_back_w    ConvBW 2048 512  7   7   1 1 conv5_1_res_back_c 51380224
87  conv5_1_b_back      ConvBA 512  512  7   5   3 1 conv5_1_c_back 58982400
88  conv5_1_b_back_w    ConvBW 512  512  7   5   3 1 conv5_1_c_back 58982400
89  conv5_1_a_back      ConvBA 512  2048 7   7   1 1 conv5_1_b_back 51380224
90  conv5_1_a_back_w    ConvBW 512  2048 7   7   1 1 conv5_1_b_back 51380224
196 conv2_0_res_back_br Eltw   256  256  56  56  1 1 conv2_1_a_back 802816
197 conv2_0_c_back      ConvBA 256  64   56  56  1 1 conv2_0_res_back_c 51380224
198 conv2_0_c_back_w    ConvBW 256  64   56  56  1 1 conv2_0_res_back_c 51380224
199 conv2_0_b_back      ConvBA 64   64   56  54  3 1 conv2_0_c_back 107495424
200 conv2_0_b_back_w    ConvBW 64   64   56  54  3 1 conv2_0_c_back 107495424
201 conv2_0_a_back      ConvBA 64   64   56  56  1 1 conv2_0_b_back 12845056
202 conv2_0_a_back_w    ConvBW 64   64   56  56  1 1 conv2_0_b_back 12845056
203 pool1_back          PoolB  64   64   112 55  3 2 conv2_0_a_back 1742400
204 conv1_back          ConvBA 64   3    224 109 7 2 ^ 111776448
205 conv1_back_w        ConvBW 64   3    224 109 7 2 pool1_back 111776448
"""

if __name__ == '__main__':
    sys.exit(main())
