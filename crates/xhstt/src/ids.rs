//! Dense `u32` index newtypes. Every cross-reference in the model is resolved at read time to one of
//! these, so the evaluator and the solver bridge index plain `Vec`s instead of hashing id strings.

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            /// The position of the item in its owning `Vec`.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// Builds the index from a `Vec` position.
            pub fn from_index(index: usize) -> Self {
                Self(u32::try_from(index).expect("index exceeds u32"))
            }
        }
    };
}

index_type!(
    /// Index into [`crate::Instance::times`]; also the time's position in instance (chronological) order.
    TimeId
);
index_type!(
    /// Index into [`crate::Instance::time_groups`] (time groups, days and weeks share one list).
    TimeGroupId
);
index_type!(
    /// Index into [`crate::Instance::resource_types`].
    ResourceTypeId
);
index_type!(
    /// Index into [`crate::Instance::resource_groups`].
    ResourceGroupId
);
index_type!(
    /// Index into [`crate::Instance::resources`].
    ResourceId
);
index_type!(
    /// Index into [`crate::Instance::event_groups`] (event groups and courses share one list).
    EventGroupId
);
index_type!(
    /// Index into [`crate::Instance::events`].
    EventId
);
index_type!(
    /// Index into [`crate::Instance::constraints`].
    ConstraintId
);
