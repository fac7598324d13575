#!/usr/bin/env python3
"""Generates the toothcomb DFDL schemas in mappings/ from the compact layout tables below.

The generated .dfdl.xsd files are committed; run this script after changing a table:

    python3 mappings/tools/gen_dfdl.py

Naming convention (shared with the annotated-XML writer): segments keep their X12 id (CLM), elements are the
segment id plus a two-digit position (CLM01), components of a composite add '-' and a two-digit position
(CLM05-01), loops are 'Loop' plus the TR3 loop id (Loop2300). See mappings/README.md.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------------------------------------
# Segment dictionary: id -> (number of elements, {position: number of components} for composite elements).
# Element counts follow the X12 005010 segment definitions, rounded up where implementations vary, so real
# files with every element present still parse with the typed definition.
# ---------------------------------------------------------------------------------------------------------
SEGMENTS = {
    'GS': (8, {}), 'GE': (2, {}), 'IEA': (2, {}), 'ST': (3, {}), 'SE': (2, {}), 'TA1': (5, {}),
    'BHT': (6, {}), 'NM1': (12, {}), 'N2': (2, {}), 'N3': (2, {}), 'N4': (7, {}), 'PER': (9, {}),
    'HL': (4, {}), 'PRV': (6, {}), 'CUR': (21, {}), 'REF': (4, {}), 'SBR': (9, {}), 'DMG': (11, {}),
    'PAT': (9, {}),
    'CLM': (20, {5: 3, 11: 5}), 'DTP': (3, {}), 'DN1': (4, {}), 'DN2': (6, {}), 'PWK': (9, {}),
    'CN1': (6, {}), 'AMT': (3, {}), 'K3': (3, {}), 'NTE': (2, {}),
    'HI': (12, {i: 9 for i in range(1, 13)}), 'HCP': (15, {}),
    'CAS': (19, {}), 'OI': (6, {}), 'MOA': (9, {}),
    'LX': (1, {}), 'SV3': (11, {1: 8, 4: 5, 11: 4}), 'TOO': (3, {3: 5}), 'SVD': (7, {}),
    # 277CA
    'TRN': (4, {}), 'STC': (12, {1: 4, 10: 4, 11: 4}), 'QTY': (4, {}), 'SVC': (7, {1: 8}),
    # 999
    'AK1': (3, {}), 'AK2': (3, {}), 'IK3': (4, {}), 'IK4': (4, {1: 3}), 'IK5': (6, {}), 'AK9': (9, {}),
    'CTX': (6, {1: 2, 2: 2}),
}

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


def nm1(*codes):
    return Seg('NM1', 1, 1, ' or '.join("NM101 eq '%s'" % c for c in codes))


def hl(code):
    return Seg('HL', 1, 1, "HL03 eq '%s'" % code)


FB = Fallback()

# 837D 005010X224A2 -----------------------------------------------------------------------------------------
# Lenient: the reference parser must read every file the fast reader reads, so most loops and segments are
# optional and every loop ends with a generic Segment* fallback.
L837 = [
    Seg('ST', 1, 1, "ST01 eq '837'"), Seg('BHT', 0, 1), FB,
    Loop('Loop1000A', 0, 1, [nm1('41'), Seg('N2', 0, U), Seg('PER', 0, U), FB]),
    Loop('Loop1000B', 0, 1, [nm1('40'), FB]),
    Loop('Loop2000A', 0, U, [
        hl('20'), Seg('PRV', 0, 1), Seg('CUR', 0, 1), FB,
        Loop('Loop2010AA', 0, 1, [nm1('85'), Seg('N3', 0, 1), Seg('N4', 0, 1), Seg('REF', 0, U), Seg('PER', 0, U), FB]),
        Loop('Loop2010AB', 0, 1, [nm1('87'), Seg('N3', 0, 1), Seg('N4', 0, 1), FB]),
        Loop('Loop2010AC', 0, 1, [nm1('PE'), Seg('N3', 0, 1), Seg('N4', 0, 1), Seg('REF', 0, U), FB]),
        Loop('Loop2000B', 0, U, [
            hl('22'), Seg('SBR', 0, 1), Seg('PAT', 0, 1), FB,
            Loop('Loop2010BA', 0, 1, [nm1('IL'), Seg('N3', 0, 1), Seg('N4', 0, 1), Seg('DMG', 0, 1), Seg('REF', 0, U), Seg('PER', 0, U), FB]),
            Loop('Loop2010BB', 0, 1, [nm1('PR'), Seg('N3', 0, 1), Seg('N4', 0, 1), Seg('REF', 0, U), FB]),
            'CLAIM',
            Loop('Loop2000C', 0, U, [
                hl('23'), Seg('PAT', 0, 1), FB,
                Loop('Loop2010CA', 0, 1, [nm1('QC'), Seg('N3', 0, 1), Seg('N4', 0, 1), Seg('DMG', 0, 1), Seg('REF', 0, U), FB]),
                'CLAIM',
            ]),
        ]),
    ]),
    Seg('SE', 1, 1),
]

L2300 = Loop('Loop2300', 0, U, [
    Seg('CLM', 1, 1, 'fn:true()'), Seg('DTP', 0, U), Seg('DN1', 0, 1), Seg('DN2', 0, U), Seg('PWK', 0, U),
    Seg('CN1', 0, 1), Seg('AMT', 0, U), Seg('REF', 0, U), Seg('K3', 0, U), Seg('NTE', 0, U), Seg('HI', 0, U),
    Seg('HCP', 0, 1), FB,
    Unordered([
        Loop('Loop2310A', 0, 2, [nm1('DN', 'P3'), Seg('PRV', 0, 1), Seg('REF', 0, U), FB]),
        Loop('Loop2310B', 0, 1, [nm1('82'), Seg('PRV', 0, 1), Seg('REF', 0, U), FB]),
        Loop('Loop2310C', 0, 1, [nm1('77'), Seg('N3', 0, 1), Seg('N4', 0, 1), Seg('REF', 0, U), FB]),
        Loop('Loop2310D', 0, 1, [nm1('DD'), Seg('PRV', 0, 1), Seg('REF', 0, U), FB]),
        Loop('Loop2310E', 0, 1, [nm1('DQ'), Seg('REF', 0, U), FB]),
    ]),
    Loop('Loop2320', 0, U, [
        Seg('SBR', 1, 1, 'fn:true()'), Seg('CAS', 0, U), Seg('AMT', 0, U), Seg('OI', 0, 1), Seg('MOA', 0, 1), FB,
        Unordered([
            Loop('Loop2330A', 0, 1, [nm1('IL'), Seg('N3', 0, 1), Seg('N4', 0, 1), Seg('REF', 0, U), FB]),
            Loop('Loop2330B', 0, 1, [nm1('PR'), Seg('N3', 0, 1), Seg('N4', 0, 1), Seg('DTP', 0, 1), Seg('REF', 0, U), FB]),
            Loop('Loop2330C', 0, 2, [nm1('DN', 'P3'), Seg('REF', 0, U), FB]),
            Loop('Loop2330D', 0, 1, [nm1('82'), Seg('REF', 0, U), FB]),
            Loop('Loop2330E', 0, 1, [nm1('DQ'), Seg('REF', 0, U), FB]),
            Loop('Loop2330F', 0, 1, [nm1('85'), Seg('REF', 0, U), FB]),
            Loop('Loop2330G', 0, 1, [nm1('77'), Seg('REF', 0, U), FB]),
            Loop('Loop2330H', 0, 1, [nm1('DD'), Seg('REF', 0, U), FB]),
        ]),
    ]),
    Loop('Loop2400', 0, U, [
        Seg('LX', 1, 1, 'fn:true()'), Seg('SV3', 0, 1), Seg('TOO', 0, U), Seg('DTP', 0, U), Seg('CN1', 0, 1),
        Seg('REF', 0, U), Seg('AMT', 0, U), Seg('K3', 0, U), Seg('HCP', 0, 1), FB,
        Unordered([
            Loop('Loop2420A', 0, 1, [nm1('82'), Seg('PRV', 0, 1), Seg('REF', 0, U), FB]),
            Loop('Loop2420B', 0, 1, [nm1('DD'), Seg('PRV', 0, 1), Seg('REF', 0, U), FB]),
            Loop('Loop2420C', 0, 1, [nm1('DQ'), Seg('REF', 0, U), FB]),
            Loop('Loop2420D', 0, 1, [nm1('77'), Seg('N3', 0, 1), Seg('N4', 0, 1), Seg('REF', 0, U), FB]),
        ]),
        Loop('Loop2430', 0, U, [Seg('SVD', 1, 1, 'fn:true()'), Seg('CAS', 0, U), Seg('DTP', 0, U), FB]),
    ]),
])

# Segment ids the 837D fallback must leave alone: they open a loop or close an envelope level.
STRUCTURAL_837 = ['ISA', 'GS', 'ST', 'HL', 'NM1', 'CLM', 'SBR', 'LX', 'SVD', 'SE', 'GE', 'IEA']

# 277CA 005010X214 -------------------------------------------------------------------------------------------
# Strict: this mapping validates the 277CA toothcomb writes, so loops are required where the TR3 requires them
# and there is no fallback.
L277 = [
    Seg('ST', 1, 1, "ST01 eq '277'"), Seg('BHT', 1, 1),
    Loop('Loop2000A', 1, U, [
        hl('20'),
        Loop('Loop2100A', 1, 1, [nm1('PR', 'AY'), Seg('PER', 0, U)]),
        Loop('Loop2200A', 1, 1, [Seg('TRN', 1, 1, "TRN01 eq '1'"), Seg('DTP', 0, U)]),
        Loop('Loop2000B', 1, U, [
            hl('21'),
            Loop('Loop2100B', 1, 1, [nm1('41')]),
            Loop('Loop2200B', 1, 1, [Seg('TRN', 1, 1, "TRN01 eq '2'"), Seg('STC', 0, U), Seg('QTY', 0, U), Seg('AMT', 0, U)]),
            Loop('Loop2000C', 0, U, [
                hl('19'),
                Loop('Loop2100C', 1, 1, [nm1('85')]),
                Loop('Loop2200C', 0, 1, [Seg('TRN', 1, 1, "TRN01 eq '1'"), Seg('STC', 0, U), Seg('REF', 0, U), Seg('QTY', 0, U), Seg('AMT', 0, U)]),
                Loop('Loop2000D', 0, U, [
                    hl('PT'),
                    Loop('Loop2100D', 1, 1, [nm1('QC')]),
                    Loop('Loop2200D', 1, U, [
                        Seg('TRN', 1, 1, "TRN01 eq '2'"), Seg('STC', 1, U), Seg('REF', 0, U), Seg('DTP', 0, U),
                        Loop('Loop2220D', 0, U, [Seg('SVC', 1, 1, 'fn:true()'), Seg('STC', 1, U), Seg('REF', 0, U), Seg('DTP', 0, U)]),
                    ]),
                ]),
            ]),
        ]),
    ]),
    Seg('SE', 1, 1),
]

# 999 005010X231A1 -------------------------------------------------------------------------------------------
L999 = [
    Seg('ST', 1, 1, "ST01 eq '999'"), Seg('AK1', 1, 1),
    Loop('Loop2000', 0, U, [
        Seg('AK2', 1, 1, 'fn:true()'),
        Loop('Loop2100', 0, U, [
            Seg('IK3', 1, 1, 'fn:true()'), Seg('CTX', 0, U),
            Loop('Loop2110', 0, U, [Seg('IK4', 1, 1, 'fn:true()'), Seg('CTX', 0, U)]),
        ]),
        Seg('IK5', 1, 1),
    ]),
    Seg('AK9', 1, 1), Seg('SE', 1, 1),
]

# ---------------------------------------------------------------------------------------------------------
HEADER = '''<?xml version="1.0" encoding="UTF-8"?>
<!-- GENERATED by mappings/tools/gen_dfdl.py - edit the tables there, not this file. -->
'''

ISA_LENGTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1]

# Turns the one delimiter character just parsed ('.') into a DFDL delimiter literal: '%' and whitespace
# characters have a meaning of their own in DFDL delimiter strings and must be written as entities.
DELIM = ("if (. eq '%') then '%%' else if (. eq ' ') then '%SP;' else if (. eq '&#9;') then '%HT;' "
         "else if (. eq '&#10;') then '%LF;' else if (. eq '&#13;') then '%CR;' else .")


def annotation(*lines):
    body = ''.join('        %s\n' % l for l in lines)
    return ('<xs:annotation><xs:appinfo source="%s">\n%s      </xs:appinfo></xs:annotation>' % (DFDL, body))


def common_schema():
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
    for sid, (count, comps) in SEGMENTS.items():
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
            if it == 'CLAIM':
                it = L2300
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
    write('common/x12-common.dfdl.xsd', common_schema())
    write('837d/x12-837d.dfdl.xsd', Gen(STRUCTURAL_837).schema('837D Health Care Claim: Dental, 005010X224A2', L837))
    write('277ca/x12-277ca.dfdl.xsd', Gen(None).schema('277CA Claim Acknowledgment, 005010X214', L277))
    write('999/x12-999.dfdl.xsd', Gen(None).schema('999 Implementation Acknowledgment, 005010X231A1', L999))
