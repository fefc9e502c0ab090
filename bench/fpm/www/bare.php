<?php
// Baseline: a PHP request that does nothing.
header('Content-Type: application/json');
echo json_encode(['us' => 0, 'ok' => true, 'pid' => getmypid()]);
