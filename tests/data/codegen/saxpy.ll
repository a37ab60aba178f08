; ModuleID = 'saxpy'
source_filename = "saxpy"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

define ptx_kernel void @saxpy(float %a, ptr addrspace(1) %x, i64 %x.dim1, ptr addrspace(1) %y, i64 %y.dim1) {
top:
  br label %entry

entry:                                            ; preds = %top
  %0 = addrspacecast ptr addrspace(1) %x to ptr
  %1 = insertvalue { ptr, [1 x i64] } undef, ptr %0, 0
  %2 = insertvalue [1 x i64] undef, i64 %x.dim1, 0
  %3 = insertvalue { ptr, [1 x i64] } %1, [1 x i64] %2, 1
  %4 = addrspacecast ptr addrspace(1) %y to ptr
  %5 = insertvalue { ptr, [1 x i64] } undef, ptr %4, 0
  %6 = insertvalue [1 x i64] undef, i64 %y.dim1, 0
  %7 = insertvalue { ptr, [1 x i64] } %5, [1 x i64] %6, 1
  %8 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %9 = add i32 %8, 1
  %10 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
  %11 = add i32 %10, 1
  %12 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.z()
  %13 = add i32 %12, 1
  %14 = insertvalue { i32, i32, i32 } undef, i32 %9, 0
  %15 = insertvalue { i32, i32, i32 } %14, i32 %11, 1
  %16 = insertvalue { i32, i32, i32 } %15, i32 %13, 2
  %17 = sub i32 %9, 1
  %18 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %19 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %20 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.z()
  %21 = insertvalue { i32, i32, i32 } undef, i32 %18, 0
  %22 = insertvalue { i32, i32, i32 } %21, i32 %19, 1
  %23 = insertvalue { i32, i32, i32 } %22, i32 %20, 2
  %24 = mul i32 %17, %18
  %25 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %26 = add i32 %25, 1
  %27 = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %28 = add i32 %27, 1
  %29 = call i32 @llvm.nvvm.read.ptx.sreg.tid.z()
  %30 = add i32 %29, 1
  %31 = insertvalue { i32, i32, i32 } undef, i32 %26, 0
  %32 = insertvalue { i32, i32, i32 } %31, i32 %28, 1
  %33 = insertvalue { i32, i32, i32 } %32, i32 %30, 2
  %34 = add i32 %24, %26
  %35 = sext i32 %34 to i64
  %36 = insertvalue [2 x i64] undef, i64 %35, 0
  %37 = insertvalue [2 x i64] %36, i64 %y.dim1, 1
  %38 = icmp sle i64 %35, %y.dim1
  br i1 %38, label %saxpy.L6, label %saxpy.L12

saxpy.L6:                                         ; preds = %entry
  %39 = sext i32 %34 to i64
  br label %getindex.L6

saxpy.L12:                                        ; preds = %"setindex!.ret", %entry
  br label %saxpy.ret

getindex.L6:                                      ; preds = %saxpy.L6
  %40 = sub i64 %39, 1
  %41 = getelementptr inbounds float, ptr %0, i64 %40
  %42 = load float, ptr %41, align 4
  br label %getindex.ret

getindex.ret:                                     ; preds = %getindex.L6
  %43 = fmul float %a, %42
  %44 = sext i32 %34 to i64
  br label %getindex.L62

getindex.L62:                                     ; preds = %getindex.ret
  %45 = sub i64 %44, 1
  %46 = getelementptr inbounds float, ptr %4, i64 %45
  %47 = load float, ptr %46, align 4
  br label %getindex.ret1

getindex.ret1:                                    ; preds = %getindex.L62
  %48 = fadd float %43, %47
  %49 = sext i32 %34 to i64
  br label %"setindex!.L6"

"setindex!.L6":                                   ; preds = %getindex.ret1
  %50 = sub i64 %49, 1
  %51 = getelementptr inbounds float, ptr %4, i64 %50
  store float %48, ptr %51, align 4
  br label %"setindex!.ret"

"setindex!.ret":                                  ; preds = %"setindex!.L6"
  br label %saxpy.L12

saxpy.ret:                                        ; preds = %saxpy.L12
  ret void
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ctaid.x() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ctaid.y() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ctaid.z() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ntid.x() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ntid.y() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ntid.z() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.x() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.y() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.z() #0

attributes #0 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }
