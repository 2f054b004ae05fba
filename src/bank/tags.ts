/**
 * Which HTML tags in notes are markup and which are text: `<br>`, `<b>`, `<details>` format the
 * notes, while `<div>와 <span>의 차이는?`, `List<String>` and `<template>` are what the notes say.
 */

/** Tags notes use for formatting: markup wherever they stand. */
const FORMAT_TAG =
  /^(?:br|p|b|strong|i|em|code|kbd|sup|sub|a|img|details|summary|del|s|strike|u|mark|hr)$/i;
/** Layout tags: markup when they carry attributes or come in pairs, else text (`<div>와 <span>`). */
const LAYOUT_TAG =
  /^(?:div|span|font|center|small|big|table|thead|tbody|tfoot|tr|td|th|ul|ol|li|dl|dt|dd|h[1-6]|blockquote|pre|section|article|figure|figcaption|picture|source|video|iframe)$/i;
export const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w-]*)([^<>]*)>/g;

/** Whether a tag in `context` is markup rather than text such as `List<String>` or `<template>`. */
export function isMarkupTag(tag: string, context: string): boolean {
  const m = /^<(\/?)([a-zA-Z][\w-]*)([^<>]*)>$/.exec(tag);
  if (!m) return true;
  const [, closing, name = '', attrs = ''] = m;
  if (FORMAT_TAG.test(name)) return true;
  if (!LAYOUT_TAG.test(name)) return false;
  if (/\S/.test(attrs.replace(/\/$/, ''))) return true;
  return new RegExp(closing ? `<${name}[\\s>]` : `</${name}\\s*>`, 'i').test(context);
}

/** Tags that are text written as entities, so that stripping markup leaves them (decoded later). */
export function literalTags(s: string): string {
  return s.replace(TAG, (tag) =>
    isMarkupTag(tag, s) ? tag : tag.replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  );
}

/**
 * HTML as the text it shows: comments and markup tags gone (`<br>` a line break), tags that are
 * text kept as written; entities are left for the caller to decode. `context` is the text around
 * (where a closing tag may stand).
 */
export function htmlText(html: string, context = html): string {
  return html.replace(TAG, (tag) => {
    if (tag.startsWith('<!--')) return '';
    if (/^<br\s*\/?>$/i.test(tag)) return '\n';
    return isMarkupTag(tag, context) ? '' : tag;
  });
}
