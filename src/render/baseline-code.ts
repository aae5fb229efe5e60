// V8's optimizing compiler for short runs. A process that runs its code for
// some 100 ms (`skiff template` of a small chart) gains nothing from
// TurboFan, whose background compiles of the hottest functions, started near
// the end, hold the process at exit (Node waits for them): such a run may
// keep to the baseline compilers. Reading many rendered documents is long
// enough to repay the compile, so TurboFan comes back past that many.
import process from 'node:process';

/** Documents read from which TurboFan is switched back on. */
const REPAYS_AT = 2000;

let kept = false;
let read = 0;

function setFlag(flag: string): void {
  process.getBuiltinModule('node:v8').setFlagsFromString(flag);
}

/** Switches TurboFan off for this process until documentsRead() passes REPAYS_AT documents. */
export function keepToBaselineCode(): void {
  kept = true;
  setFlag('--no-turbofan');
}

/** Counts one rendered document read; switches TurboFan back on once it pays. */
export function documentRead(): void {
  if (kept && ++read >= REPAYS_AT) {
    kept = false;
    setFlag('--turbofan');
  }
}
