//! Integration tests: real HTTP over loopback against sandboxes started
//! in-process (and, in `binary`, the `iotpay-sandbox` executable).

mod answer_shapes;
mod binary;
mod cc_autodebit;
mod cc_v3_faults;
mod common;
mod errors;
mod faults;
mod notify;
mod orders;
mod refund_faults;
mod refunds;
mod sunbay;
