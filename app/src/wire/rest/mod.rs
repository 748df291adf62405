//! What the REST API under `/api/v1` answers and takes. The OpenAPI document is generated from
//! these types, so it cannot drift from them.
mod customers;
mod error;
mod invoices;
mod list;
mod orders;
mod plans;

pub use customers::Customer;
pub use error::{ErrorBody, ErrorCode, ErrorDetail};
pub use invoices::{Invoice, InvoiceLine, InvoiceSummary};
pub use list::List;
pub use orders::{NewOrder, NewOrderCard, Order, Rejection};
pub use plans::Plan;
