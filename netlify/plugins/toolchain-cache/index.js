// Netlify's build (`make netlify`) keeps what it downloads between builds: emsdk with its pinned
// Emscripten (and the system libraries Emscripten compiles on first use), and Playwright's
// Chromium. The folder is site/tools/netlify-build.sh's toolchain. utils.cache is Netlify's own cache
// (@netlify/cache-utils); a build whose cache was cleared downloads them again.
const TOOLCHAIN = 'build/netlify-toolchain';

export const onPreBuild = async ({ utils }) => {
  console.log((await utils.cache.restore(TOOLCHAIN)) ? `Restored ${TOOLCHAIN}` : `No ${TOOLCHAIN} cached yet`);
};

// Netlify runs this only after the build command succeeded: a half-finished download is not kept.
export const onPostBuild = async ({ utils }) => {
  await utils.cache.save(TOOLCHAIN);
};
