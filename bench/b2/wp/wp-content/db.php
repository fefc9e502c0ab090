<?php
// A database drop-in for the B2 benchmark's minimal WordPress: no server,
// no tables — every query finds nothing, so options take their defaults.
// WordPress loads it instead of connecting (require_wp_db()).

class IotPay_Bench_Empty_Wpdb extends wpdb
{
    public function __construct()
    {
        $this->ready = true;
    }
    public function db_connect($allow_bail = true)
    {
        return true;
    }
    public function check_connection($allow_bail = true)
    {
        return true;
    }
    public function query($query)
    {
        return 0;
    }
    public function get_results($query = null, $output = OBJECT)
    {
        return [];
    }
    public function get_row($query = null, $output = OBJECT, $y = 0)
    {
        return null;
    }
    public function get_var($query = null, $x = 0, $y = 0)
    {
        return null;
    }
    public function get_col($query = null, $x = 0)
    {
        return [];
    }
    public function db_version()
    {
        return '10.11';
    }
    public function db_server_info()
    {
        return '10.11.0-MariaDB';
    }
}

$wpdb = new IotPay_Bench_Empty_Wpdb();
