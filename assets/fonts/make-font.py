"""Makes DrillSansKR-Regular.otf, the /me chart's one font (see README.md beside it).

Run with Debian's python3-fonttools: /usr/bin/python3 assets/fonts/make-font.py SOURCE.otf
where SOURCE.otf is NotoSansKR-Regular.otf (Noto Sans KR 1.000, SIL OFL 1.1, e.g. from the npm
package @embedpdf/fonts-kr@1.0.0). It keeps Latin, punctuation and every Hangul syllable and
jamo, and renames the family: the source reserves the name 'Noto Sans', and the OFL lets a
modified version be shared only under another name.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FAMILY = 'Drill Sans KR'
PS = 'DrillSansKR-Regular'
UNICODES = 'U+0020-007E,U+00A0-00FF,U+2010-2027,U+2190-2193,U+3000-303F,U+3130-318F,U+AC00-D7A3,U+FF01-FF5E'
OUT = Path(__file__).with_name(PS + '.otf')

options = subset.Options()
options.layout_features = ['*']
options.hinting = False
font = TTFont(sys.argv[1])
subsetter = subset.Subsetter(options)
subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
subsetter.subset(font)
for name in font['name'].names:
    if name.nameID in (1, 16):
        name.string = FAMILY
    elif name.nameID == 4:
        name.string = FAMILY + ' Regular'
    elif name.nameID in (3, 6):
        name.string = PS
cff = font['CFF '].cff
cff.fontNames = [PS]
top = cff.topDictIndex[0]
top.FamilyName = FAMILY
top.FullName = FAMILY + ' Regular'
font.save(OUT)
