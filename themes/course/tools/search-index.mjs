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
check(await index.addDirectory({ path: site }), `indexing ${site}`);

let paragraphs = 0;
const transcripts = (await readdir(site, { recursive: true })).filter(
  (file) => path.basename(file) === 'transcript.json',
);
for (const file of transcripts) {
  const { language, title, paragraphs: lesson } = JSON.parse(await readFile(path.join(site, file), 'utf8'));
  // The lesson's address as Pagefind gives its page's: from the folder, so that the bundle's base
  // URL is added in the browser to both alike.
  const page = `/${path.dirname(file).split(path.sep).join('/')}/`;
  for (const { stamp, text } of lesson) {
    check(
      await index.addCustomRecord({
        url: `${page}#t=${stamp}`,
        content: text,
        language,
        meta: { title, time: stamp },
      }),
      `adding ${file} at ${stamp}`,
    );
    paragraphs += 1;
  }
}
// Start from an empty folder: the files of an earlier index are named by their hashes and would stay.
await rm(output, { recursive: true, force: true });
check(await index.writeFiles({ outputPath: output }), `writing ${output}`);
await pagefind.close();

// What was indexed, as the browser will read it (addDirectory counts the files it read, also
// those it leaves out for want of data-pagefind-body). No page or no paragraph means the search
// build went wrong, and a search that finds nothing must not be published. Which pages and
// records the index holds is for tests/e2e/search.spec.js to check.
const entry = JSON.parse(await readFile(path.join(output, 'pagefind-entry.json'), 'utf8'));
const records = Object.values(entry.languages).reduce((sum, { page_count }) => sum + page_count, 0);
const pages = records - paragraphs;
if (pages <= 0 || paragraphs === 0) {
  await rm(output, { recursive: true, force: true });
  throw new Error(`the search index would hold ${pages} pages and ${paragraphs} transcript paragraphs`);
}
console.log(`Search index: ${pages} pages and ${paragraphs} transcript paragraphs, in ${output}`);
