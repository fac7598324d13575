#!/usr/bin/env python3
"""Generates the toothcomb DFDL schemas in mappings/ from the implementation-guide tables (*.guide).

The loops, the segments each loop holds, their order, usage and repeat, the loop openers and their qualifiers, and
the number of elements and components of each segment come from the guide tables (format:
mappings/guide-format.md), which the Java validator reads too:

    mappings/837d/x12-837d.guide    mappings/277ca/x12-277ca.guide    mappings/999/x12-999.guide

The policy tables below say how a guide becomes a schema (lenient 837D, strict 277CA and 999). The generated
.dfdl.xsd files are committed; run this script after changing a guide table or a policy:

    python3 mappings/tools/gen_dfdl.py

Naming convention (shared with the annotated-XML writer): segments keep their X12 id (CLM), elements are the
segment id plus a two-digit position (CLM01), components of a composite add '-' and a two-digit position
(CLM05-01), loops are 'Loop' plus the TR3 loop id (Loop2300). See mappings/README.md.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GUIDES = {'837d': '837d/x12-837d.guide', '277ca': '277ca/x12-277ca.guide', '999': '999/x12-999.guide'}


# ---------------------------------------------------------------------------------------------------------
# Reading a guide table (the same reading as io.toothcomb.guide.Guide)
# ---------------------------------------------------------------------------------------------------------
class GSeg:
    """One use of a segment in a loop: 'seg ID USAGE MAXUSE [QUALIFIER]' and its 'el' lines."""

    def __init__(self, sid, usage, max_use, qualifier):
        self.sid, self.usage, self.max_use = sid, usage, max_use
        self.qual_element, self.qual_values = None, []
        if qualifier:
            name, values = qualifier.strip('[]').split('=')
            self.qual_element, self.qual_values = name, values.split(',')
        self.elements = {}     # position -> (type, codes or None)
        self.components = {}   # position of a composite -> highest component position listed


class GLoop:
    """'loop ID PARENTS USAGE REPEAT'; items are its segment uses, then its child loops (depth first)."""

    def __init__(self, lid, parents, usage, repeat):
        self.id, self.parents, self.usage, self.repeat = lid, parents, usage, repeat
        self.items = []

    def pseudo(self):
        """A pseudo-loop such as the 999's 2000-IK5: its segments belong to the loop it continues (2000)."""
        return '-' in self.id


MANY = float('inf')   # '>1'


def count(v):
    return MANY if v == '>1' else int(v)


def read_guide(rel):
    transaction, loops, latest, declared, seg = None, {}, {}, [], None
    for raw in (ROOT / rel).read_text(encoding='utf-8').splitlines():
        line = raw.split('#', 1)[0].split(' : ', 1)[0].strip()
        if not line:
            continue
        f = line.split()
        if f[0] == 'guide':
            transaction = f[1]
        elif f[0] == 'loop':
            parents = [] if f[2] == '-' else [latest[p] for p in f[2].split(',')]
            loop = GLoop(f[1], parents, f[3], count(f[4]))
            loops.setdefault(loop.id, loop)
            latest[loop.id] = loop
            declared.append(loop)
            seg = None
        elif f[0] == 'seg':
            seg = GSeg(f[1], f[2], count(f[3]), ''.join(f[4:]))
            loop.items.append(seg)
        elif f[0] == 'el':
            pos, _, comp = f[1].partition('-')
            codes = None
            for v in f[7:]:
                if not v.startswith('rep=') and v != '*':
                    codes = v.split(',')
            if comp:
                seg.components[int(pos)] = max(seg.components.get(int(pos), 0), int(comp))
            else:
                seg.elements[int(pos)] = (f[3], codes)
    # child loops go after their parent's own segments, in declaration order; a loop under two parents, one nested
    # in the other (837D 2300 under 2000B and 2000C), stands in the outer one before the inner
    for loop in declared:
        for p in loop.parents:
            at = len(p.items)
            for i, it in enumerate(p.items):
                if isinstance(it, GLoop) and it in loop.parents:
                    at = i
                    break
            p.items.insert(at, loop)
    return transaction, loops


# ---------------------------------------------------------------------------------------------------------
# Segment dictionary: id -> (number of elements, {position: number of components} for composite elements).
# ---------------------------------------------------------------------------------------------------------
# The composite elements of the XML naming convention (mappings/README.md), with the components a composite has when
# no guide table lists it. Every other element is a plain string, even where a guide lists a composite (SVD03,
# REF04, CTX05, CTX06): the element names are a documented contract. CTX02 is a plain element in the 999 guide but
# a composite of the convention, so it keeps today's two components.
COMPOSITES = {
    'CLM': {5: 3, 11: 5}, 'HI': {i: 9 for i in range(1, 13)}, 'SV3': {1: 8, 4: 5, 11: 4}, 'TOO': {3: 5},
    'STC': {1: 4, 10: 4, 11: 4}, 'SVC': {1: 8},
    'IK4': {1: 3}, 'CTX': {1: 2, 2: 2},
}

# The envelope and control segments, written first. GS, GE, IEA and TA1 (which a 999 carries between the ISA and the
# first GS) are in no transaction-set guide; ST and SE are, and take their counts from the tables. ISA is fixed
# width (see common_schema).
ENVELOPE = {'GS': 8, 'GE': 2, 'IEA': 2, 'ST': 0, 'SE': 0, 'TA1': 5}

# Element counts that stay above what the guide tables list, because real files may send more elements than a guide
# uses and a file with every element present must still parse with the typed definition:
#   SVD: the 005010 SVD has six elements (the 837D table lists SVD01-06); the schemas have read seven since the first
#        layout and are not narrowed now.
#   N2:  in no guide table; only the lenient 837D's 1000A keeps it (POLICY_837 extras), with its two elements.
MIN_ELEMENTS = {'SVD': 7, 'N2': 2}


def segment_dictionary(guides):
    """Element count per segment id: the highest position any use of the id lists in the tables, at least
    MIN_ELEMENTS; composite components from the tables where they list that composite, else COMPOSITES. Order: the
    envelope, then each id where a guide (837D, 277CA, 999) first uses it, then ids only MIN_ELEMENTS names."""
    counts, comps = dict(ENVELOPE), {}
    for _, loops in guides:
        for loop in loops.values():
            for it in loop.items:
                if isinstance(it, GSeg):
                    counts[it.sid] = max(counts.get(it.sid, 0), max(it.elements, default=0))
                    for p, n in it.components.items():
                        if p in COMPOSITES.get(it.sid, {}):
                            comps.setdefault(it.sid, {})[p] = max(comps.get(it.sid, {}).get(p, 0), n)
    for sid, n in MIN_ELEMENTS.items():
        counts[sid] = max(counts.get(sid, 0), n)
    out = {}
    for sid, n in counts.items():
        c = {p: comps.get(sid, {}).get(p, k) for p, k in COMPOSITES.get(sid, {}).items()}
        out[sid] = (max([n] + list(c)), dict(sorted(c.items())))
    return out


DFDL = 'http://www.ogf.org/dfdl/'


# Layout building blocks -----------------------------------------------------------------------------------
class Seg:
    def __init__(self, sid, lo=0, hi=1, test=None, name=None):
        self.sid, self.lo, self.hi, self.test, self.name = sid, lo, hi, test, name or sid


class Loop:
    def __init__(self, name, lo, hi, items):
        self.name, self.lo, self.hi, self.items = name, lo, hi, items


class Unordered:
    """Sibling loops the TR3 allows in any order (the NM1 loops under 2300, 2320 and 2400)."""

    def __init__(self, items):
        self.items = items


class Fallback:
    """Generic Segment* for segments this layout does not know at that position."""


U = 'unbounded'
FB = Fallback()


# ---------------------------------------------------------------------------------------------------------
# From a guide to a layout
# ---------------------------------------------------------------------------------------------------------
class Policy:
    """How a guide becomes a layout.

    strict:    loops and segments are required where the guide requires them (a loop with usage R, as many of a
               segment as the guide has required uses of it); no fallback.
    lenient:   every loop and every segment but a loop's opener and SE is optional, and every loop (and the
               transaction's heading) ends its own segments with a generic Segment* fallback.
    unordered: loops whose run of NM1-opened child loops may come in any order.
    extras:    {loop id: [(segment id, after segment id, max use), ...]}: segments a lenient layout keeps typed
               although the guide does not list them there.
    """

    def __init__(self, strict, unordered=(), extras=None):
        self.strict, self.unordered, self.extras = strict, set(unordered), extras or {}


# Repeats: a segment is 1 when the guide allows one use of its id in the loop, else unbounded (the guide validator
# counts uses, the schema does not; in the lenient 837D a use beyond 1 goes to the Segment fallback). A loop keeps a
# small repeat (1, or 2 for 837D 2310A and 2330C); larger counted repeats (100 claims, 50 lines, 15 adjudications)
# are unbounded for the same reason.
LOOP_REPEAT_KEPT = 9


def loop_max(repeat):
    return repeat if repeat <= LOOP_REPEAT_KEPT else U


def opener_test(seg):
    """The discriminator of a loop opener: its qualifier (HL03, NM101); else its 01 element when the guide allows
    one code there (ST01, the 277CA's TRN01); else fn:true(): the opener's id alone decides (CLM, LX, AK2 ...)."""
    if seg.qual_element:
        name, values = seg.qual_element, seg.qual_values
    elif seg.elements.get(1, (None, None))[1] and len(seg.elements[1][1]) == 1:
        name, values = seg.sid + '01', seg.elements[1][1]
    else:
        return 'fn:true()'
    return ' or '.join("%s eq '%s'" % (name, v) for v in values)


def segment_items(loop, policy, opener, keep_usage=False):
    """A loop's own segment uses as Seg items: uses of one id merge into one element (told apart by qualifier in the
    guide, not in the schema) at the first use's place. keep_usage: required uses stay required even when lenient
    (the trailer's SE). opener: the use that opens the loop, which gets a discriminator."""
    merged, order = {}, []
    for it in loop.items:
        if isinstance(it, GSeg):
            if it.sid not in merged:
                merged[it.sid] = []
                order.append(it.sid)
            elif policy.strict and order[-1] != it.sid:
                raise ValueError('%s: uses of %s are not adjacent; a strict schema cannot merge them' % (loop.id, it.sid))
            merged[it.sid].append(it)
    for sid, after, max_use in policy.extras.get(loop.id, []):
        assert sid not in merged, '%s already lists %s' % (loop.id, sid)
        merged[sid] = [GSeg(sid, 'S', max_use, '')]
        order.insert(order.index(after) + 1, sid)
    out = []
    for sid in order:
        uses = merged[sid]
        if uses[0] is opener:
            out.append(Seg(sid, 1, 1, opener_test(opener)))
            continue
        hi = 1 if sum(u.max_use for u in uses) == 1 else U
        out.append(Seg(sid, sum(u.usage == 'R' for u in uses) if policy.strict or keep_usage else 0, hi))
    return out


def layout_items(loop, policy):
    """The layout of a loop's body: its own segments (a fallback after them when lenient), then its child loops."""
    first = next(it for it in loop.items if isinstance(it, GSeg))
    items = segment_items(loop, policy, first)
    if not policy.strict:
        items.append(FB)
    children = []
    for child in loop.items:
        if not isinstance(child, GLoop):
            continue
        if child.pseudo():
            # the pseudo-loop's segments stand where it does, directly in this loop (999: IK5 after the 2100 loops)
            children.extend(segment_items(child, policy, None, keep_usage=True))
            continue
        lo = 1 if policy.strict and child.usage == 'R' else 0
        children.append(Loop('Loop' + child.id, lo, loop_max(child.repeat), layout_items(child, policy)))
    if loop.id in policy.unordered:
        nm1 = [i for i, c in enumerate(children)
               if isinstance(c, Loop) and c.items[0].sid == 'NM1']
        if len(nm1) > 1:
            assert nm1 == list(range(nm1[0], nm1[-1] + 1)), loop.id
            children[nm1[0]:nm1[-1] + 1] = [Unordered(children[nm1[0]:nm1[-1] + 1])]
    return items + children


def layout(guide, policy):
    """The transaction's layout: the heading's segments and loops, then the trailer's segments (SE)."""
    _, loops = guide
    items = layout_items(loops['HEADER'], policy)
    if 'TRAILER' in loops:
        items += segment_items(loops['TRAILER'], policy, None, keep_usage=True)
    return items


# 837D 005010X224A2 -----------------------------------------------------------------------------------------
# Lenient: the reference parser must read every file the fast reader reads, so most loops and segments are
# optional and every loop ends its own segments with a generic Segment* fallback. The NM1 loops under 2300, 2320
# and 2400 may come in any order. Three segments the dental guide does not list in these loops were typed by the
# hand-written layout this generator replaced, and stay typed so the XML of files that send them does not change:
# N2 in 1000A (4010's submitter additional name), PAT in 2000B (the professional guide's subscriber-as-patient
# information, documented in mappings/README.md) and PER in 2010BA (the professional guide's subscriber contact).
POLICY_837 = Policy(strict=False, unordered=['2300', '2320', '2400'],
                    extras={'1000A': [('N2', 'NM1', MANY)], '2000B': [('PAT', 'SBR', 1)],
                            '2010BA': [('PER', 'REF', MANY)]})

# Segment ids the 837D fallback must leave alone: they open a loop or close an envelope level.
STRUCTURAL_837 = ['ISA', 'GS', 'ST', 'HL', 'NM1', 'CLM', 'SBR', 'LX', 'SVD', 'SE', 'GE', 'IEA']

# 277CA 005010X214 and 999 005010X231A1 ----------------------------------------------------------------------
# Strict: these mappings validate the 277CA and 999 toothcomb writes, so loops and segments are required where the
# guide requires them and there is no fallback.
POLICY_277 = Policy(strict=True)
POLICY_999 = Policy(strict=True)

# ---------------------------------------------------------------------------------------------------------
HEADER = '''<?xml version="1.0" encoding="UTF-8"?>
<!-- GENERATED by mappings/tools/gen_dfdl.py from the *.guide tables - edit those or the script, not this file. -->
'''

ISA_LENGTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1]

# Turns the one delimiter character just parsed ('.') into a DFDL delimiter literal: '%' and whitespace
# characters have a meaning of their own in DFDL delimiter strings and must be written as entities.
DELIM = ("if (. eq '%') then '%%' else if (. eq ' ') then '%SP;' else if (. eq '&#9;') then '%HT;' "
         "else if (. eq '&#10;') then '%LF;' else if (. eq '&#13;') then '%CR;' else .")


def annotation(*lines):
    body = ''.join('        %s\n' % l for l in lines)
    return ('<xs:annotation><xs:appinfo source="%s">\n%s      </xs:appinfo></xs:annotation>' % (DFDL, body))


def common_schema(segments):
    out = [HEADER]
    out.append('''<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:dfdl="http://www.ogf.org/dfdl/dfdl-1.0/"
           xmlns:fn="http://www.w3.org/2005/xpath-functions"
           xmlns:tc="urn:toothcomb:x12"
           targetNamespace="urn:toothcomb:x12"
           elementFormDefault="unqualified">

  <!-- Shared by the 837D, 277CA and 999 mappings: the text format, the delimiter variables read from the
       ISA, the ISA segment and one complex type per segment id. -->
  <xs:include schemaLocation="org/apache/daffodil/xsd/DFDLGeneralFormat.dfdl.xsd"/>

  <xs:annotation>
    <xs:appinfo source="http://www.ogf.org/dfdl/">
      <!-- Delimiters, set while the ISA is parsed (element separator = ISA char 4, component = ISA16,
           repetition = ISA11, segment terminator = the character after ISA16). -->
      <dfdl:defineVariable name="elemSep" type="xs:string"/>
      <dfdl:defineVariable name="compSep" type="xs:string"/>
      <dfdl:defineVariable name="repSep" type="xs:string"/>
      <dfdl:defineVariable name="segTerm" type="xs:string"/>

      <!-- X12 has no escape character: escapeSchemeRef="" (a default '?' escape corrupts text).
           Empty optional elements are left out of the infoset (treatAsAbsent). ISO-8859-1 maps every byte. -->
      <dfdl:defineFormat name="X12">
        <dfdl:format ref="tc:GeneralFormat" representation="text" encoding="ISO-8859-1"
                     encodingErrorPolicy="replace" lengthKind="delimited" escapeSchemeRef=""
                     initiator="" terminator="" separator="" separatorPosition="infix"
                     separatorSuppressionPolicy="trailingEmpty" emptyElementParsePolicy="treatAsAbsent"
                     occursCountKind="implicit" textTrimKind="none" initiatedContent="no"
                     ignoreCase="no" nilKind="literalValue" textStringJustification="left"/>
      </dfdl:defineFormat>
      <dfdl:format ref="tc:X12"/>
    </xs:appinfo>
  </xs:annotation>

''')
    # ISA ------------------------------------------------------------------------------------------------
    out.append('''  <!-- ISA is fixed width (106 characters). Its 4th character is the element separator, ISA11 the
       repetition separator, ISA16 the component separator and the next character the segment terminator. -->
  <xs:group name="IsaElementSeparator">
    <xs:sequence>
      <xs:element name="ElementSeparator" type="xs:string" dfdl:outputValueCalc="{ '*' }" dfdl:lengthKind="explicit" dfdl:length="1">
      %s
      </xs:element>
    </xs:sequence>
  </xs:group>
  <xs:group name="IsaSegmentTerminator">
    <xs:sequence>
      <xs:element name="SegmentTerminator" type="xs:string" dfdl:outputValueCalc="{ '~' }" dfdl:lengthKind="explicit" dfdl:length="1">
      %s
      </xs:element>
      <xs:element name="LineBreak" type="xs:string" dfdl:lengthKind="pattern" dfdl:lengthPattern="[\\r\\n\\t ]*"
                  dfdl:emptyElementParsePolicy="treatAsEmpty" dfdl:outputValueCalc="{ '' }"/>
    </xs:sequence>
  </xs:group>
''' % (annotation('<dfdl:setVariable ref="tc:elemSep" value="{ %s }"/>' % DELIM),
       annotation('<!-- Optional CR/LF (or any white space) after each terminator. -->',
                  '<dfdl:setVariable ref="tc:segTerm" value="{ fn:concat(%s, \'%%WSP*;\') }"/>' % DELIM)))
    out.append('''  <xs:group name="EndOfData">
    <xs:sequence>
      <xs:element name="TrailingData" type="xs:string" dfdl:lengthKind="pattern" dfdl:lengthPattern="[\\s\\S]*"
                  dfdl:emptyElementParsePolicy="treatAsEmpty" dfdl:outputValueCalc="{ '' }">
      %s
      </xs:element>
    </xs:sequence>
  </xs:group>
''' % annotation('<dfdl:assert test="{ . eq \'\' }" message="data after IEA: one interchange per parse"/>'))
    out.append('  <xs:complexType name="ISA">\n    <xs:sequence dfdl:initiator="ISA">\n')
    out.append('      <xs:sequence dfdl:hiddenGroupRef="tc:IsaElementSeparator"/>\n')
    for i, n in enumerate(ISA_LENGTHS, 1):
        init = '' if i == 1 else ' dfdl:initiator="{ $tc:elemSep }"'
        var = {11: 'repSep', 16: 'compSep'}.get(i)
        if var:
            out.append('      <xs:element name="ISA%02d" type="xs:string" dfdl:lengthKind="explicit" dfdl:length="%d"%s>\n'
                       '      %s\n      </xs:element>\n'
                       % (i, n, init, annotation('<dfdl:setVariable ref="tc:%s" value="{ %s }"/>' % (var, DELIM))))
        else:
            out.append('      <xs:element name="ISA%02d" type="xs:string" dfdl:lengthKind="explicit" dfdl:length="%d"%s/>\n'
                       % (i, n, init))
    out.append('      <xs:sequence dfdl:hiddenGroupRef="tc:IsaSegmentTerminator"/>\n    </xs:sequence>\n  </xs:complexType>\n\n')

    # Segments -------------------------------------------------------------------------------------------
    out.append('  <!-- One type per segment: initiator = segment id, prefix element separator, segment terminator.\n'
               '       Every element is optional so empty positions are simply absent. -->\n')
    for sid, (count, comps) in segments.items():
        out.append('  <xs:complexType name="%s">\n' % sid)
        out.append('    <xs:sequence dfdl:initiator="%s" dfdl:separator="{ $tc:elemSep }" dfdl:separatorPosition="prefix"\n'
                   '                 dfdl:terminator="{ $tc:segTerm }">\n' % sid)
        for i in range(1, count + 1):
            name = '%s%02d' % (sid, i)
            if i in comps:
                out.append('      <xs:element name="%s" minOccurs="0">\n        <xs:complexType>\n'
                           '          <xs:sequence dfdl:separator="{ $tc:compSep }" dfdl:separatorPosition="infix">\n' % name)
                for c in range(1, comps[i] + 1):
                    out.append('            <xs:element name="%s-%02d" type="xs:string" minOccurs="0"/>\n' % (name, c))
                out.append('          </xs:sequence>\n        </xs:complexType>\n      </xs:element>\n')
            else:
                out.append('      <xs:element name="%s" type="xs:string" minOccurs="0"/>\n' % name)
        out.append('    </xs:sequence>\n  </xs:complexType>\n')
    out.append('</xs:schema>\n')
    return ''.join(out)


class Gen:
    def __init__(self, structural):
        self.structural = structural
        self.types = []  # (name, body)

    def occurs(self, lo, hi):
        s = ''
        if lo != 1:
            s += ' minOccurs="%s"' % lo
        if hi != 1:
            s += ' maxOccurs="%s"' % hi
        return s

    def items(self, items, ind, parsed=False):
        # A loop's segment block (everything before its first child loop) that ends in a fallback is an
        # unordered sequence, so an unknown segment does not push the known ones after it into the fallback.
        if not parsed and Fallback in [type(i) for i in items] and self.structural is not None:
            k = [type(i) for i in items].index(Fallback)
            head = 1 if items[0] is not FB else 0
            if k - head >= 1:
                out = self.items(items[:head], ind)
                out.append('%s<xs:sequence dfdl:sequenceKind="unordered">\n' % ind)
                out.extend(self.items(items[head:k + 1], ind + '  ', True))
                out.append('%s</xs:sequence>\n' % ind)
                out.extend(self.items(items[k + 1:], ind))
                return out
        out = []
        ock = ' dfdl:occursCountKind="parsed"' if parsed else ''
        for it in items:
            if isinstance(it, Seg):
                if it.test:
                    out.append('%s<xs:element name="%s" type="tc:%s"%s%s>\n%s  %s\n%s</xs:element>\n' % (
                        ind, it.name, it.sid, self.occurs(it.lo, it.hi), ock if it.lo != it.hi else '', ind,
                        annotation('<dfdl:discriminator test="{ %s }"/>' % it.test), ind))
                else:
                    out.append('%s<xs:element name="%s" type="tc:%s"%s%s/>\n' % (ind, it.name, it.sid, self.occurs(it.lo, it.hi), ock if it.lo != it.hi else ''))
            elif isinstance(it, Loop):
                self.loop_type(it)
                out.append('%s<xs:element name="%s" type="%sType"%s%s/>\n' % (ind, it.name, it.name, self.occurs(it.lo, it.hi), ock))
            elif isinstance(it, Unordered):
                out.append('%s<xs:sequence dfdl:sequenceKind="unordered">\n' % ind)
                out.extend(self.items(it.items, ind + '  ', True))
                out.append('%s</xs:sequence>\n' % ind)
            elif isinstance(it, Fallback):
                if self.structural is not None:
                    out.append('%s<xs:element name="Segment" type="SegmentType" minOccurs="0" maxOccurs="unbounded"%s/>\n' % (ind, ock))
            else:
                raise ValueError(it)
        return out

    def loop_type(self, loop):
        if any(n == loop.name for n, _ in self.types):
            return
        self.types.append((loop.name, None))
        body = ['  <xs:complexType name="%sType">\n    <xs:sequence>\n' % loop.name]
        body.extend(self.items(loop.items, '      '))
        body.append('    </xs:sequence>\n  </xs:complexType>\n')
        idx = [n for n, _ in self.types].index(loop.name)
        self.types[idx] = (loop.name, ''.join(body))

    def schema(self, title, layout):
        tx = ''.join(self.items(layout, '      '))
        out = [HEADER]
        out.append('''<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:dfdl="http://www.ogf.org/dfdl/dfdl-1.0/"
           xmlns:fn="http://www.w3.org/2005/xpath-functions"
           xmlns:tc="urn:toothcomb:x12">

  <!-- %s -->
  <xs:import namespace="urn:toothcomb:x12" schemaLocation="../common/x12-common.dfdl.xsd"/>

  <xs:annotation>
    <xs:appinfo source="http://www.ogf.org/dfdl/">
      <dfdl:format ref="tc:X12"/>
    </xs:appinfo>
  </xs:annotation>

  <xs:element name="Interchange">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="ISA" type="tc:ISA"/>
        <!-- TA1 interchange acknowledgments come, when there are any, between the ISA and the first GS. -->
        <xs:element name="TA1" type="tc:TA1" minOccurs="0" maxOccurs="unbounded"/>
        <xs:element name="FunctionalGroup" minOccurs="0" maxOccurs="unbounded">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="GS" type="tc:GS">
                <!-- Resolves the FunctionalGroup point of uncertainty: without it Daffodil keeps the whole group
                     in memory in case it has to backtrack. Same reason for the discriminators on ST, HL, CLM, LX. -->
                <xs:annotation><xs:appinfo source="http://www.ogf.org/dfdl/">
                  <dfdl:discriminator test="{ fn:true() }"/>
                </xs:appinfo></xs:annotation>
              </xs:element>
              <xs:element name="Transaction" minOccurs="0" maxOccurs="unbounded" type="TransactionType"/>
              <xs:element name="GE" type="tc:GE"/>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
        <xs:element name="IEA" type="tc:IEA"/>
        <!-- One interchange per parse: anything after the IEA is an error, not silently dropped. -->
        <xs:sequence dfdl:hiddenGroupRef="tc:EndOfData"/>
      </xs:sequence>
    </xs:complexType>
  </xs:element>

  <xs:complexType name="TransactionType">
    <xs:sequence>
''' % title)
        out.append(tx)
        out.append('    </xs:sequence>\n  </xs:complexType>\n\n')
        for _, body in self.types:
            out.append(body)
        if self.structural is not None:
            ids = '|' + '|'.join(self.structural) + '|'
            out.append('''
  <!-- Fallback for a segment the layout does not expect at this point: the raw id and its elements by
       position (empty elements kept so positions stay countable). Ids that open a loop or close an envelope
       level are refused so the fallback never swallows structure. -->
  <xs:complexType name="SegmentType">
    <xs:sequence dfdl:separator="{ $tc:elemSep }" dfdl:separatorPosition="infix" dfdl:terminator="{ $tc:segTerm }">
      <xs:element name="SegmentId" type="xs:string" dfdl:lengthKind="pattern" dfdl:lengthPattern="[A-Z][A-Z0-9]{1,2}">
      %s
      </xs:element>
      <xs:element name="Element" type="xs:string" minOccurs="0" maxOccurs="unbounded" nillable="true"
                  dfdl:nilKind="literalValue" dfdl:nilValue="%%ES;"/>
    </xs:sequence>
  </xs:complexType>
''' % annotation('<dfdl:assert test="{ fn:not(fn:contains(\'%s\', fn:concat(\'|\', ., \'|\'))) }"'
                 ' message="structural segment"/>' % ids))
        out.append('</xs:schema>\n')
        return ''.join(out)


def write(rel, text):
    p = ROOT / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding='utf-8')
    print('wrote', p.relative_to(ROOT.parent))


if __name__ == '__main__':
    guides = {k: read_guide(rel) for k, rel in GUIDES.items()}
    write('common/x12-common.dfdl.xsd', common_schema(segment_dictionary(guides.values())))
    write('837d/x12-837d.dfdl.xsd', Gen(STRUCTURAL_837).schema('837D Health Care Claim: Dental, 005010X224A2',
                                                              layout(guides['837d'], POLICY_837)))
    write('277ca/x12-277ca.dfdl.xsd', Gen(None).schema('277CA Claim Acknowledgment, 005010X214',
                                                       layout(guides['277ca'], POLICY_277)))
    write('999/x12-999.dfdl.xsd', Gen(None).schema('999 Implementation Acknowledgment, 005010X231A1',
                                                   layout(guides['999'], POLICY_999)))
