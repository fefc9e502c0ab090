#!/usr/bin/env python3
"""The plugin's translations: .po files kept in step with the .pot, .mo files
and the JSON files WordPress hands to wp.i18n for the scripts.

    python3 tools/i18n.py update   merge every .po with the .pot (msgmerge; obsolete entries
                                   dropped), then build
    python3 tools/i18n.py build    .mo (msgfmt) and JSON (Jed 1.x, one file per script and locale,
                                   named {domain}-{locale}-{md5 of the script path}.json) from the .po
    python3 tools/i18n.py check    fail, naming each msgid, when a .po misses or has not translated an
                                   entry of the .pot, has a fuzzy, obsolete or stale entry, a
                                   placeholder or HTML tag that differs from the msgid, or when a .mo
                                   or JSON file is not what the .po gives

`make i18n` = tools/make-pot.sh + `update`; `make check-pot check-po` run in
`make test`. Needs gettext (xgettext, msgmerge, msgattrib, msgfmt) and
Python 3 only.
"""

import glob
import hashlib
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN = os.path.join(ROOT, 'wordpress-plugin', 'iotpay-for-woocommerce')
DOMAIN = 'iotpay-for-woocommerce'
LANG_DIR = os.path.join(PLUGIN, 'languages')
POT = os.path.join(LANG_DIR, DOMAIN + '.pot')
# Locales the plugin must ship complete; any other .po in languages/ is checked too.
REQUIRED = ('zh_CN', 'fr_CA')
JS_KEYWORDS = ['__', '_x:1,2c', '_n:1,2', '_nx:1,2,4c']

PLACEHOLDER = re.compile(r"%(?:(\d+)\$)?[-+ 0#']*\d*(?:\.\d+)?([bcdeEfFgGosuxX%])")
TAG = re.compile(r'</?[A-Za-z][^>]*>')


class Entry:
    def __init__(self):
        self.ctx = None
        self.msgid = None
        self.plural = None
        self.msgstr = {}
        self.flags = set()
        self.obsolete = False

    @property
    def key(self):
        return (self.ctx, self.msgid)

    def label(self):
        s = self.msgid if self.plural is None else self.msgid + ' | ' + self.plural
        return ('[%s] ' % self.ctx if self.ctx is not None else '') + s


def _unescape(s):
    out, i = [], 0
    table = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\', 'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v'}
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            out.append(table.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def parse_po(path):
    """Entries of a .po/.pot file (entries separated by blank lines, as gettext writes them), in file order."""
    line_re = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$')
    with open(path, encoding='utf-8') as fh:
        blocks = re.split(r'\n\s*\n', fh.read())
    entries = []
    for block in blocks:
        e, field = Entry(), None
        for raw in block.split('\n'):
            line = raw.strip()
            if line.startswith('#~'):
                e.obsolete = True
                line = line[2:].strip()
            if not line:
                continue
            if line.startswith('#,'):
                e.flags.update(f.strip() for f in line[2:].split(',') if f.strip())
                continue
            if line.startswith('#'):
                continue
            m = line_re.match(line)
            if m:
                kind, index, text = m.group(1), m.group(2), _unescape(m.group(3))
                if kind == 'msgctxt':
                    e.ctx, field = text, 'ctx'
                elif kind == 'msgid':
                    e.msgid, field = text, 'msgid'
                elif kind == 'msgid_plural':
                    e.plural, field = text, 'plural'
                else:
                    field = int(index) if index is not None else 0
                    e.msgstr[field] = text
            elif line.startswith('"') and line.endswith('"') and field is not None:
                text = _unescape(line[1:-1])
                if isinstance(field, int):
                    e.msgstr[field] += text
                else:
                    setattr(e, field, getattr(e, field) + text)
            else:
                raise SystemExit('%s: cannot parse line: %r' % (path, raw))
        if e.msgid is not None:
            entries.append(e)
    return entries


def headers(entries):
    for e in entries:
        if e.msgid == '' and e.ctx is None and not e.obsolete:
            out = {}
            for line in e.msgstr.get(0, '').split('\n'):
                if ':' in line:
                    k, v = line.split(':', 1)
                    out[k.strip()] = v.strip()
            return out
    return {}


def nplurals(hdr):
    m = re.search(r'nplurals\s*=\s*(\d+)', hdr.get('Plural-Forms', ''))
    return int(m.group(1)) if m else 2


def po_files():
    return sorted(glob.glob(os.path.join(LANG_DIR, DOMAIN + '-*.po')))


def locale_of(po):
    return os.path.basename(po)[len(DOMAIN) + 1:-3]


def translated(entries):
    """{(ctx, msgid): [msgstr…]} of the usable entries (translated, not fuzzy, not obsolete)."""
    out = {}
    for e in entries:
        if e.msgid == '' or e.obsolete or 'fuzzy' in e.flags:
            continue
        forms = [e.msgstr[i] for i in sorted(e.msgstr)]
        if forms and all(forms):
            out[e.key] = forms
    return out


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def scripts():
    """Plugin-relative paths of the scripts that WordPress loads translations for."""
    out = []
    for path in sorted(glob.glob(os.path.join(PLUGIN, 'assets', 'js', '**', '*.js'), recursive=True)):
        if path.endswith('.min.js'):
            continue
        out.append(os.path.relpath(path, PLUGIN).replace(os.sep, '/'))
    return out


def script_msgids(rel):
    """[(ctx, msgid)] of the wp.i18n calls in one script, in order (xgettext)."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'js.pot')
        cmd = ['xgettext', '--language=JavaScript', '--from-code=UTF-8', '--omit-header', '-o', pot]
        cmd += ['--keyword=' + k for k in JS_KEYWORDS]
        run(cmd + [os.path.join(PLUGIN, rel)])
        if not os.path.exists(pot):
            return []
        return [e.key for e in parse_po(pot) if e.msgid != '']


def json_name(locale, rel):
    return '%s-%s-%s.json' % (DOMAIN, locale, hashlib.md5(rel.encode('utf-8')).hexdigest())


def json_files(po):
    """{file name: content} of the JSON translations one .po gives (scripts without strings get none)."""
    locale = locale_of(po)
    entries = parse_po(po)
    hdr = headers(entries)
    done = translated(entries)
    out = {}
    for rel in scripts():
        keys = script_msgids(rel)
        if not keys:
            continue
        messages = {'': {'domain': 'messages', 'lang': locale, 'plural-forms': hdr.get('Plural-Forms', 'nplurals=2; plural=(n != 1);')}}
        for ctx, msgid in keys:
            if (ctx, msgid) in done:
                messages[(ctx + '\x04' if ctx is not None else '') + msgid] = done[(ctx, msgid)]
        doc = {
            'translation-revision-date': hdr.get('PO-Revision-Date', ''),
            'generator': 'tools/i18n.py',
            'source': rel,
            'domain': 'messages',
            'locale_data': {'messages': messages},
        }
        out[json_name(locale, rel)] = json.dumps(doc, ensure_ascii=False, separators=(',', ':')) + '\n'
    return out


def stale_json(po, wanted):
    pattern = os.path.join(LANG_DIR, '%s-%s-*.json' % (DOMAIN, locale_of(po)))
    return [p for p in glob.glob(pattern) if re.search(r'-[0-9a-f]{32}\.json$', p) and os.path.basename(p) not in wanted]


def read_mo(path):
    """{(ctx, msgid): [msgstr…]} of a .mo file (either byte order)."""
    with open(path, 'rb') as fh:
        data = fh.read()
    magic = struct.unpack('<I', data[:4])[0]
    order = '<' if magic == 0x950412de else '>'
    _, total, orig, trans = struct.unpack(order + '4I', data[4:20])
    out = {}
    for i in range(total):
        olen, ooff = struct.unpack(order + '2I', data[orig + 8 * i:orig + 8 * i + 8])
        tlen, toff = struct.unpack(order + '2I', data[trans + 8 * i:trans + 8 * i + 8])
        original = data[ooff:ooff + olen].decode('utf-8')
        translation = data[toff:toff + tlen].decode('utf-8')
        if original == '':
            continue
        ctx = None
        if '\x04' in original:
            ctx, original = original.split('\x04', 1)
        out[(ctx, original.split('\x00')[0])] = translation.split('\x00')
    return out


def build():
    for po in po_files():
        mo = po[:-3] + '.mo'
        run(['msgfmt', '--check-format', '--check-header', '-o', mo, po])
        files = json_files(po)
        for name, content in files.items():
            with open(os.path.join(LANG_DIR, name), 'w', encoding='utf-8') as fh:
                fh.write(content)
        for old in stale_json(po, files):
            os.remove(old)
        print('built %s and %d JSON file(s)' % (os.path.relpath(mo, ROOT), len(files)))


def update():
    for po in po_files():
        run(['msgmerge', '--quiet', '--update', '--backup=none', '--no-location', po, POT])
        run(['msgattrib', '--no-obsolete', '--no-location', '-o', po, po])
    build()


def placeholders(text):
    found, seq = [], 0
    for m in PLACEHOLDER.finditer(text):
        if m.group(2) == '%':
            continue
        seq += 1
        found.append((int(m.group(1)) if m.group(1) else seq, m.group(2)))
    return sorted(found)


def check():
    problems = []
    pot = [e for e in parse_po(POT) if e.msgid != '']
    pot_keys = {e.key: e for e in pot}
    present = {locale_of(p) for p in po_files()}
    for locale in REQUIRED:
        if locale not in present:
            problems.append('%s: languages/%s-%s.po is missing (create it with msginit, then make i18n)' % (locale, DOMAIN, locale))
    for po in po_files():
        locale = locale_of(po)
        entries = parse_po(po)
        hdr = headers(entries)
        n = nplurals(hdr)
        name = os.path.basename(po)
        if hdr.get('Language') not in (locale, locale.split('_')[0]):
            problems.append('%s: header Language is %r, expected %r' % (name, hdr.get('Language'), locale))
        if 'Plural-Forms' not in hdr:
            problems.append('%s: header Plural-Forms is missing' % name)
        by_key = {}
        for e in entries:
            if e.msgid == '' and e.ctx is None:
                continue
            if e.obsolete:
                problems.append('%s: obsolete entry (run make i18n): %s' % (name, e.label()))
                continue
            by_key[e.key] = e
            if e.key not in pot_keys:
                problems.append('%s: stale entry, not in the .pot (run make i18n): %s' % (name, e.label()))
        for key, src in pot_keys.items():
            e = by_key.get(key)
            if e is None:
                problems.append('%s: missing msgid (run make i18n, then translate it): %s' % (name, src.label()))
                continue
            if 'fuzzy' in e.flags:
                problems.append('%s: fuzzy (check the translation, then remove the fuzzy flag): %s' % (name, src.label()))
            forms = [e.msgstr.get(i, '') for i in range(n if src.plural is not None else 1)]
            if not all(forms):
                problems.append('%s: untranslated msgid: %s' % (name, src.label()))
                continue
            if (src.plural is None) != (e.plural is None) or (src.plural is not None and e.plural != src.plural):
                problems.append('%s: plural form differs from the .pot (run make i18n): %s' % (name, src.label()))
            want = placeholders(src.plural if src.plural is not None else src.msgid)
            for i, form in enumerate(forms):
                got = placeholders(form)
                if got != want and not (src.plural is not None and i == 0 and n > 1 and got == placeholders(src.msgid)):
                    problems.append('%s: placeholders %s in the translation, %s in the msgid: %s' % (name, [('%d$' % p) + t for p, t in got], [('%d$' % p) + t for p, t in want], src.label()))
                if sorted(TAG.findall(form)) != sorted(TAG.findall(src.msgid)):
                    problems.append('%s: HTML tags differ from the msgid: %s' % (name, src.label()))
        # The compiled files must be what the .po gives.
        mo = po[:-3] + '.mo'
        usable = {k: v for k, v in translated(entries).items() if k in pot_keys}
        if not os.path.exists(mo):
            problems.append('%s: %s is missing (run make i18n)' % (name, os.path.basename(mo)))
        elif read_mo(mo) != usable:
            problems.append('%s: %s is stale (run make i18n)' % (name, os.path.basename(mo)))
        files = json_files(po)
        for fname, content in files.items():
            path = os.path.join(LANG_DIR, fname)
            if not os.path.exists(path) or open(path, encoding='utf-8').read() != content:
                problems.append('%s: %s is missing or stale (run make i18n)' % (name, fname))
        for old in stale_json(po, files):
            problems.append('%s: %s belongs to no script (run make i18n)' % (name, os.path.basename(old)))
    if problems:
        print('Translations are incomplete or stale (%d problem(s)):' % len(problems), file=sys.stderr)
        for p in problems:
            print('  ' + p, file=sys.stderr)
        print('Fix: make i18n (regenerates the .pot, merges the .po files, rebuilds .mo/.json), '
              'then translate every entry listed in languages/*.po and run make i18n again.', file=sys.stderr)
        return 1
    print('translations complete: %d msgids in %s' % (len(pot), ', '.join(locale_of(p) for p in po_files())))
    return 0


def main(argv):
    if len(argv) != 2 or argv[1] not in ('update', 'build', 'check'):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == 'update':
        update()
        return 0
    if argv[1] == 'build':
        build()
        return 0
    return check()


if __name__ == '__main__':
    sys.exit(main(sys.argv))
