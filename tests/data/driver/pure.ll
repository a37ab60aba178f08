; A kernel that calls no runtime function: the driver defines the runtime library's
; exported globals in its module instead of linking the whole library.
define CC void @k(ptr addrspace(AS) %p) {
entry:
  store float 1.0, ptr addrspace(AS) %p
  ret void
}
