// The interrupt buffer as Pyodide is given it. Pyodide looks for Stop by reading the buffer and
// then writing 0 into it, two steps (CPython's _Py_CheckEmscriptenSignals_Helper, run every few
// bytecodes of a busy loop): a Stop that the page stores between the two is overwritten and lost,
// and the loop runs on. Through this view the 0 is written only over the value just read, so a
// Stop stored meanwhile stays for the next look.
export function interruptView(buffer) {
  let seen = 0;
  return {
    get 0() {
      seen = Atomics.load(buffer, 0);
      return seen;
    },
    set 0(value) {
      if (value === 0) Atomics.compareExchange(buffer, 0, seen, 0);
      else Atomics.store(buffer, 0, value);
    },
  };
}
