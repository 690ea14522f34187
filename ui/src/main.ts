import { mount } from 'svelte';
import App from './App.svelte';
import { app } from './lib/app.svelte';
import { whenLibraryDamaged } from './lib/window';
import './app.css';

/**
 * How long the window stays blank waiting for the library's first page. Drawing waits for it so
 * that the first frame painted is the library itself, not a loading screen replaced a moment later
 * (each full frame of the window costs a tenth of a second or more on a slow machine); a slower
 * answer gets the loading screen after this long.
 */
const FIRST_PAGE_WAIT_MS = 1000;

const target = document.getElementById('app');
if (target === null) {
  throw new Error('index.html has no #app element');
}

// The shell may find the library's file damaged just after the start: listen before asking for the
// list (a check finished earlier makes the list's request fail with the reason instead).
const started = whenLibraryDamaged((message) => app.libraryDamaged(message))
  .catch(() => undefined)
  .then(() => app.start());
await Promise.race([started, new Promise((resolve) => setTimeout(resolve, FIRST_PAGE_WAIT_MS))]);

export default mount(App, { target });
