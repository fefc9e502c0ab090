<?php
// The timing loop the PHP benchmarks share, so that every native-vs-PHP
// ratio is measured the same way.
declare(strict_types=1);

/** Best-of-rounds nanoseconds per call of $f, $n calls a round. */
function bench(callable $f, int $n, int $rounds): float
{
    $best = INF;
    for ($r = 0; $r < $rounds; $r++) {
        $t = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            $f();
        }
        $best = min($best, (hrtime(true) - $t) / $n);
    }
    return $best;
}
