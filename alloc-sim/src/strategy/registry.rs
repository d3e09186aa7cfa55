//! The macro behind the registry in `strategy.rs`: from one line per
//! strategy, the module, the `StrategyKind` variant with its name, summary,
//! settings, roles and marks, the `AnyStrategy` variant, and the dispatch
//! of every `Strategy` method. Adding a strategy is its own file and one
//! line there.

macro_rules! strategies {
    (
        $($variant:ident => $module:ident :: $ty:ident,)+
        ; unlisted: $($u_variant:ident => $u_module:ident :: $u_ty:ident,)*
    ) => {
        $(
            pub mod $module;
            pub use $module::$ty;
        )+
        $(
            pub mod $u_module;
            pub use $u_module::$u_ty;
        )*

        /// Every strategy, by name; ordered as the UI lists them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub enum StrategyKind {
            $(
                #[doc = concat!("[`", stringify!($ty), "`].")]
                $variant,
            )+
            $(
                #[doc = concat!("[`", stringify!($u_ty), "`] (not listed: see the registry).")]
                $u_variant,
            )*
        }

        impl StrategyKind {
            /// How many strategies a learner can pick (the unlisted ones
            /// are not among them).
            pub const COUNT: usize = [$(stringify!($variant)),+].len();

            /// Every strategy a learner can pick, in the order the UI lists
            /// them.
            pub const ALL: [StrategyKind; StrategyKind::COUNT] = [$(StrategyKind::$variant,)+];

            /// The name on the command line and in URLs.
            pub const fn name(self) -> &'static str {
                match self {
                    $(StrategyKind::$variant => <$ty as Described>::NAME,)+
                    $(StrategyKind::$u_variant => <$u_ty as Described>::NAME,)*
                }
            }

            /// A one-line description, saying where the model simplifies.
            pub const fn summary(self) -> &'static str {
                match self {
                    $(StrategyKind::$variant => <$ty as Described>::SUMMARY,)+
                    $(StrategyKind::$u_variant => <$u_ty as Described>::SUMMARY,)*
                }
            }

            /// What a learner can change.
            pub const fn settings(self) -> &'static [SettingSpec] {
                match self {
                    $(StrategyKind::$variant => <$ty as Described>::SETTINGS,)+
                    $(StrategyKind::$u_variant => <$u_ty as Described>::SETTINGS,)*
                }
            }

            /// The role classes it paints.
            pub const fn roles(self) -> &'static [RoleClass] {
                match self {
                    $(StrategyKind::$variant => <$ty as Described>::ROLES,)+
                    $(StrategyKind::$u_variant => <$u_ty as Described>::ROLES,)*
                }
            }

            /// The marks it draws.
            pub const fn marks(self) -> &'static [MarkSpec] {
                match self {
                    $(StrategyKind::$variant => <$ty as Described>::MARKS,)+
                    $(StrategyKind::$u_variant => <$u_ty as Described>::MARKS,)*
                }
            }

            /// Its sibling with a checkbox, if any.
            pub const fn toggle(self) -> Option<Toggle> {
                match self {
                    $(StrategyKind::$variant => <$ty as Described>::TOGGLE,)+
                    $(StrategyKind::$u_variant => <$u_ty as Described>::TOGGLE,)*
                }
            }

            /// A fresh strategy of this kind with `settings`, or why they
            /// do not fit.
            pub fn build_with(self, settings: &Settings) -> Result<AnyStrategy, SettingsError> {
                for spec in self.settings() {
                    spec.check(settings.get(spec))?;
                }
                Ok(match self {
                    $(StrategyKind::$variant => AnyStrategy::$variant(<$ty as Described>::from_settings(settings)?),)+
                    $(StrategyKind::$u_variant => AnyStrategy::$u_variant(<$u_ty as Described>::from_settings(settings)?),)*
                })
            }
        }

        /// Any strategy, as a value that can be cloned and compared: a
        /// recorded run keeps snapshots of it.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum AnyStrategy {
            $(
                #[doc = concat!("[`", stringify!($ty), "`].")]
                $variant($ty),
            )+
            $(
                #[doc = concat!("[`", stringify!($u_ty), "`].")]
                $u_variant($u_ty),
            )*
        }

        impl AnyStrategy {
            /// Which strategy this is.
            pub fn kind(&self) -> StrategyKind {
                match self {
                    $(AnyStrategy::$variant(_) => StrategyKind::$variant,)+
                    $(AnyStrategy::$u_variant(_) => StrategyKind::$u_variant,)*
                }
            }

            fn inner(&self) -> &dyn Strategy {
                match self {
                    $(AnyStrategy::$variant(s) => s,)+
                    $(AnyStrategy::$u_variant(s) => s,)*
                }
            }

            fn inner_mut(&mut self) -> &mut dyn Strategy {
                match self {
                    $(AnyStrategy::$variant(s) => s,)+
                    $(AnyStrategy::$u_variant(s) => s,)*
                }
            }
        }

        impl Strategy for AnyStrategy {
            fn init(&mut self, heap: &mut Heap) {
                self.inner_mut().init(heap);
            }
            fn alloc(&mut self, heap: &mut Heap, request: Request, log: &mut Log) -> Option<Addr> {
                self.inner_mut().alloc(heap, request, log)
            }
            fn dealloc(
                &mut self,
                heap: &mut Heap,
                addr: Addr,
                layout: Layout,
                thread: ThreadId,
                log: &mut Log,
            ) {
                self.inner_mut().dealloc(heap, addr, layout, thread, log);
            }
            fn realloc(
                &mut self,
                heap: &mut Heap,
                addr: Addr,
                layout: Layout,
                new_size: u64,
                request: Request,
                log: &mut Log,
            ) -> Option<Addr> {
                self.inner_mut()
                    .realloc(heap, addr, layout, new_size, request, log)
            }
            fn alloc_zeroed(&mut self, heap: &mut Heap, request: Request, log: &mut Log) -> Option<Addr> {
                self.inner_mut().alloc_zeroed(heap, request, log)
            }
            fn free_space(&self, heap: &Heap) -> FreeSpace {
                self.inner().free_space(heap)
            }
            fn usable_size(&self, layout: Layout, heap: &Heap) -> u64 {
                self.inner().usable_size(layout, heap)
            }
            fn wrong_layout_consequence(&self, given: Layout, actual: Layout, heap: &Heap) -> String {
                self.inner().wrong_layout_consequence(given, actual, heap)
            }
            #[cfg(debug_assertions)]
            fn check(&self, heap: &Heap) -> Result<(), String> {
                self.inner().check(heap)
            }
            fn heap_size(&self, heap: &Heap) -> u64 {
                self.inner().heap_size(heap)
            }
            fn malloc_align(&self, heap: &Heap) -> u64 {
                self.inner().malloc_align(heap)
            }
        }
    };
}

pub(crate) use strategies;
