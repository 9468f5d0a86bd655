#!/usr/bin/python3
"""Opens an XLIFF 1.2 file with Translate Toolkit, "translates" every unit as a CAT tool would
(plain units get a prefix, rich units copy the source with its inline codes), saves it, and
prints the unit ids it saw, one per line. Used by tools.ts (translateToolkitEdit)."""
import sys

from translate.storage import xliff

source_path, target_path = sys.argv[1], sys.argv[2]
with open(source_path, "rb") as handle:
    store = xliff.xlifffile.parsestring(handle.read())
for unit in store.units:
    if unit.isheader():
        continue
    print(unit.xmlelement.get("id"))
    if unit.target:
        unit.target = "[en] " + unit.target
    else:
        unit.rich_target = unit.rich_source
store.savefile(target_path)
