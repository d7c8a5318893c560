// Builds the site's search index with Pagefind, from the search build of the site (the Makefile's
// search-index target, site/config/search/hugo.toml):
//   node themes/course/tools/search-index.mjs SITE_DIR INDEX_DIR
// Pages: what a page marks data-pagefind-body (a lesson, the course page) less what it marks
// data-pagefind-ignore (the player's controls, its keyboard help, the transcript). Transcripts: one
// record per paragraph, from the lesson's transcript.json, whose address opens the lesson at that
// paragraph's time (#t=mm:ss, as the player's own links do) and whose title names the lesson.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';

const [site, output] = process.argv.slice(2);
if (!site || !output) {
  console.error('usage: node search-index.mjs SITE_DIR INDEX_DIR');
  process.exit(2);
}

// Pagefind answers with a list of errors rather than throwing.
function check({ errors, ...answer }, doing) {
  if (errors.length > 0) throw new Error(`Pagefind, ${doing}:\n${errors.join('\n')}`);
  return answer;
}

const { index } = check(await pagefind.createIndex(), 'starting');
const { page_count: pages } = check(await index.addDirectory({ path: site }), `indexing ${site}`);

let paragraphs = 0;
const transcripts = (await readdir(site, { recursive: true })).filter((file) => path.basename(file) === 'transcript.json');
for (const file of transcripts) {
  const { language, title, paragraphs: lesson } = JSON.parse(await readFile(path.join(site, file), 'utf8'));
  // The lesson's address as Pagefind gives its page's: from the folder, so that the bundle's base
  // URL is added in the browser to both alike.
  const page = `/${path.dirname(file).split(path.sep).join('/')}/`;
  for (const { stamp, text } of lesson) {
    check(await index.addCustomRecord({
      url: `${page}#t=${stamp}`, content: text, language, meta: { title, time: stamp },
    }), `adding ${file} at ${stamp}`);
    paragraphs += 1;
  }
}
// An index with no pages or no paragraphs means a layout lost its data-pagefind-body or the
// search build its transcript.json: stop rather than publish a search that finds nothing.
if (pages === 0 || paragraphs === 0) {
  throw new Error(`the search index would hold ${pages} pages and ${paragraphs} transcript paragraphs`);
}

// Start from an empty folder: the files of an earlier index are named by their hashes and would stay.
await rm(output, { recursive: true, force: true });
check(await index.writeFiles({ outputPath: output }), `writing ${output}`);
await pagefind.close();
console.log(`Search index: ${pages} pages and ${paragraphs} transcript paragraphs, in ${output}`);
