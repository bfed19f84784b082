/** GFM cases beyond CommonMark (from the GFM spec's extension sections, plus footnotes and alerts). */
export const gfmCases: { name: string; markdown: string }[] = [
  { name: 'table', markdown: '| foo | bar |\n| --- | --- |\n| baz | bim |\n' },
  { name: 'table alignment', markdown: '| abc | defghi |\n:-: | -----------:\nbar | baz\n' },
  { name: 'table escaped pipes', markdown: '| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |\n' },
  { name: 'table ends at block', markdown: '| abc | def |\n| --- | --- |\n| bar | baz |\n> bar\n' },
  { name: 'table ends at blank', markdown: '| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n\nbar\n' },
  { name: 'table header mismatch', markdown: '| abc | def |\n| --- |\n| bar |\n' },
  { name: 'table short rows', markdown: '| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |\n' },
  { name: 'table header only', markdown: '| abc | def |\n| --- | --- |\n' },
  { name: 'table with break', markdown: '| a |\n| - |\n| x<br>y |\n' },
  { name: 'task list', markdown: '- [ ] foo\n- [x] bar\n' },
  { name: 'nested task list', markdown: '- [x] foo\n  - [ ] bar\n  - [x] baz\n- [ ] bim\n' },
  { name: 'strikethrough', markdown: '~~Hi~~ Hello, ~there~ world!\n' },
  { name: 'strikethrough across paragraphs', markdown: 'This ~~has a\n\nnew paragraph~~.\n' },
  { name: 'strikethrough triple', markdown: 'This will ~~~not~~~ strike.\n' },
  { name: 'autolink www', markdown: 'www.commonmark.org\n' },
  { name: 'autolink www path', markdown: 'Visit www.commonmark.org/help for more information.\n' },
  {
    name: 'autolink trailing punctuation',
    markdown: 'Visit www.commonmark.org.\n\nVisit www.commonmark.org/a.b.\n',
  },
  {
    name: 'autolink parens',
    markdown: 'www.google.com/search?q=Markup+(business)\n\n(www.google.com/search?q=Markup+(business))\n',
  },
  {
    name: 'autolink entity',
    markdown: 'www.google.com/search?q=commonmark&hl=en\n\nwww.google.com/search?q=commonmark&hl;\n',
  },
  { name: 'autolink less-than', markdown: 'www.commonmark.org/he<lp\n' },
  {
    name: 'autolink http',
    markdown: 'http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))\n',
  },
  {
    name: 'autolink email',
    markdown: "foo@bar.baz\n\nhello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.\n",
  },
  { name: 'autolink mailto', markdown: 'mailto:foo@bar.baz\n\nxmpp:foo@bar.baz/txt\n' },
  {
    name: 'disallowed raw html',
    markdown:
      '<strong> <title> <style> <em>\n\n<blockquote>\n  <xmp> is disallowed.  <XMP> is also disallowed.\n</blockquote>\n',
  },
  {
    name: 'footnotes',
    markdown: 'Here is a note[^1] and another[^n].\n\n[^1]: The first.\n\n[^n]: The *second*.\n',
  },
  { name: 'alert note', markdown: '> [!NOTE]\n> Useful information.\n' },
  { name: 'alert warning with two paragraphs', markdown: '> [!WARNING]\n> Careful.\n>\n> Really.\n' },
  { name: 'all alerts', markdown: '> [!TIP]\n> a\n\n> [!IMPORTANT]\n> b\n\n> [!CAUTION]\n> c\n' },
  { name: 'details', markdown: '<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>\n' },
  { name: 'toc marker', markdown: '[TOC]\n\n# A\n\n## B\n' },
  { name: 'emoji shortcodes', markdown: 'Done :white_check_mark: and :smile:\n' },
  { name: 'front matter', markdown: '---\ntitle: Hello\nlabels: [a, b]\n---\n\n# Hello\n' },
];
