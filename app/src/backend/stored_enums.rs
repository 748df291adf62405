//! The domain's status enums as text columns: rows decode them and queries bind them directly,
//! so an unknown value fails where it is read and a typo in Rust is a compile error.
use sqlx::any::{Any, AnyTypeInfo, AnyValueRef};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Encode, Type};

use crate::domain::credit_notes::RefundDestination;
use crate::domain::dunning::DunningStatus;
use crate::domain::members::MemberState;
use crate::domain::order_flow::{OrderKind, OrderStatus};
use crate::domain::payment::PaymentStatus;
use crate::domain::tickets::{TicketCategory, TicketSide, TicketStatus};
use crate::domain::two_factor::TwoFactorState;
use crate::domain::{
    InvoiceEvent, InvoiceStatus, PlanStatus, Role, StepStatus, SubscriptionState, TenantState,
};

/// Stores each enum as its `as_str()` text and reads it back through `FromStr`.
macro_rules! stored_as_text {
    ($($ty:ty),+ $(,)?) => {$(
        impl Type<Any> for $ty {
            fn type_info() -> AnyTypeInfo {
                <String as Type<Any>>::type_info()
            }

            fn compatible(ty: &AnyTypeInfo) -> bool {
                <String as Type<Any>>::compatible(ty)
            }
        }

        impl<'r> Decode<'r, Any> for $ty {
            fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
                let text = <String as Decode<'r, Any>>::decode(value)?;
                Ok(text.parse::<$ty>()?)
            }
        }

        impl<'q> Encode<'q, Any> for $ty {
            fn encode_by_ref(
                &self,
                buf: &mut <Any as Database>::ArgumentBuffer<'q>,
            ) -> Result<IsNull, BoxDynError> {
                <&str as Encode<'q, Any>>::encode(self.as_str(), buf)
            }
        }
    )+};
}

stored_as_text!(
    crate::domain::mrr::MovementKind,
    crate::domain::health::HealthLevel,
    OrderStatus,
    OrderKind,
    TenantState,
    SubscriptionState,
    PlanStatus,
    InvoiceStatus,
    InvoiceEvent,
    PaymentStatus,
    StepStatus,
    DunningStatus,
    RefundDestination,
    MemberState,
    Role,
    TicketStatus,
    TicketCategory,
    TicketSide,
    TwoFactorState,
);
