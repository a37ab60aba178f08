; ModuleID = 'vadd'
source_filename = "vadd"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@.str = private unnamed_addr constant [14 x i8] c"ArgumentError\00", align 1
@.str.1 = private unnamed_addr constant [15 x i8] c"steprange_last\00", align 1
@.str.2 = private unnamed_addr constant [18 x i8] c"prelude/ranges.jl\00", align 1
@.str.3 = private unnamed_addr constant [12 x i8] c"DivideError\00", align 1
@.str.4 = private unnamed_addr constant [4 x i8] c"rem\00", align 1
@.str.5 = private unnamed_addr constant [15 x i8] c"prelude/int.jl\00", align 1

define ptx_kernel void @vadd(ptr addrspace(1) %a, i64 %a.dim1, ptr addrspace(1) %b, i64 %b.dim1, ptr addrspace(1) %c, i64 %c.dim1) {
top:
  %"@_8" = alloca i64, align 8
  br label %entry

entry:                                            ; preds = %top
  %0 = addrspacecast ptr addrspace(1) %a to ptr
  %1 = insertvalue { ptr, [1 x i64] } undef, ptr %0, 0
  %2 = insertvalue [1 x i64] undef, i64 %a.dim1, 0
  %3 = insertvalue { ptr, [1 x i64] } %1, [1 x i64] %2, 1
  %4 = addrspacecast ptr addrspace(1) %b to ptr
  %5 = insertvalue { ptr, [1 x i64] } undef, ptr %4, 0
  %6 = insertvalue [1 x i64] undef, i64 %b.dim1, 0
  %7 = insertvalue { ptr, [1 x i64] } %5, [1 x i64] %6, 1
  %8 = addrspacecast ptr addrspace(1) %c to ptr
  %9 = insertvalue { ptr, [1 x i64] } undef, ptr %8, 0
  %10 = insertvalue [1 x i64] undef, i64 %c.dim1, 0
  %11 = insertvalue { ptr, [1 x i64] } %9, [1 x i64] %10, 1
  %12 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %13 = add i32 %12, 1
  %14 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
  %15 = add i32 %14, 1
  %16 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.z()
  %17 = add i32 %16, 1
  %18 = insertvalue { i32, i32, i32 } undef, i32 %13, 0
  %19 = insertvalue { i32, i32, i32 } %18, i32 %15, 1
  %20 = insertvalue { i32, i32, i32 } %19, i32 %17, 2
  %21 = extractvalue { i32, i32, i32 } %20, 0
  %22 = sub i32 %21, 1
  %23 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %24 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %25 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.z()
  %26 = insertvalue { i32, i32, i32 } undef, i32 %23, 0
  %27 = insertvalue { i32, i32, i32 } %26, i32 %24, 1
  %28 = insertvalue { i32, i32, i32 } %27, i32 %25, 2
  %29 = extractvalue { i32, i32, i32 } %28, 0
  %30 = mul i32 %22, %29
  %31 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %32 = add i32 %31, 1
  %33 = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %34 = add i32 %33, 1
  %35 = call i32 @llvm.nvvm.read.ptx.sreg.tid.z()
  %36 = add i32 %35, 1
  %37 = insertvalue { i32, i32, i32 } undef, i32 %32, 0
  %38 = insertvalue { i32, i32, i32 } %37, i32 %34, 1
  %39 = insertvalue { i32, i32, i32 } %38, i32 %36, 2
  %40 = extractvalue { i32, i32, i32 } %39, 0
  %41 = add i32 %30, %40
  %42 = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %43 = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.y()
  %44 = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.z()
  %45 = insertvalue { i32, i32, i32 } undef, i32 %42, 0
  %46 = insertvalue { i32, i32, i32 } %45, i32 %43, 1
  %47 = insertvalue { i32, i32, i32 } %46, i32 %44, 2
  %48 = extractvalue { i32, i32, i32 } %47, 0
  %49 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %50 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %51 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.z()
  %52 = insertvalue { i32, i32, i32 } undef, i32 %49, 0
  %53 = insertvalue { i32, i32, i32 } %52, i32 %50, 1
  %54 = insertvalue { i32, i32, i32 } %53, i32 %51, 2
  %55 = extractvalue { i32, i32, i32 } %54, 0
  %56 = mul i32 %48, %55
  %57 = extractvalue { ptr, [1 x i64] } %11, 1
  %58 = extractvalue [1 x i64] %57, 0
  %59 = sext i32 %41 to i64
  %60 = sext i32 %56 to i64
  %61 = insertvalue [3 x i64] undef, i64 %59, 0
  %62 = insertvalue [3 x i64] %61, i64 %60, 1
  %63 = insertvalue [3 x i64] %62, i64 %58, 2
  %64 = extractvalue [3 x i64] %63, 0
  %65 = extractvalue [3 x i64] %63, 1
  %66 = extractvalue [3 x i64] %63, 2
  %67 = icmp eq i64 %65, 0
  br i1 %67, label %steprange_last.L4, label %steprange_last.L9

vadd.L23:                                         ; preds = %"setindex!.ret", %steprange_last.ret
  %68 = load i64, ptr %"@_8", align 8
  %69 = extractvalue { i64, i64, i64 } %116, 0
  %70 = extractvalue { i64, i64, i64 } %116, 2
  %71 = icmp eq i64 %69, %70
  %72 = xor i1 %71, true
  %73 = extractvalue { i64, i64, i64 } %116, 1
  %74 = icmp slt i64 0, %73
  %75 = extractvalue { i64, i64, i64 } %116, 2
  %76 = extractvalue { i64, i64, i64 } %116, 0
  %77 = icmp slt i64 %76, %75
  %78 = icmp eq i1 %74, %77
  %79 = xor i1 %78, true
  %80 = and i1 %72, %79
  %81 = extractvalue { i64, i64, i64 } %116, 1
  %82 = icmp slt i64 0, %81
  %83 = extractvalue { i64, i64, i64 } %116, 2
  %84 = icmp slt i64 %83, %68
  %85 = and i1 %82, %84
  %86 = or i1 %80, %85
  %87 = extractvalue { i64, i64, i64 } %116, 1
  %88 = icmp slt i64 %87, 0
  %89 = extractvalue { i64, i64, i64 } %116, 2
  %90 = icmp slt i64 %68, %89
  %91 = and i1 %88, %90
  %92 = or i1 %86, %91
  %93 = xor i1 %92, true
  br i1 %93, label %vadd.L26, label %vadd.L36

vadd.L26:                                         ; preds = %vadd.L23
  %94 = load i64, ptr %"@_8", align 8
  %95 = extractvalue { i64, i64, i64 } %116, 1
  %96 = add i64 %94, %95
  %97 = insertvalue [2 x i64] undef, i64 %94, 0
  %98 = insertvalue [2 x i64] %97, i64 %96, 1
  %99 = extractvalue [2 x i64] %98, 0
  %100 = extractvalue [2 x i64] %98, 1
  store i64 %100, ptr %"@_8", align 8
  br label %getindex.L6

vadd.L36:                                         ; preds = %vadd.L23
  br label %vadd.ret

steprange_last.L4:                                ; preds = %entry
  call void @gpu_report_exception_name(ptr @.str)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 41)
  call void @gpu_signal_exception()
  unreachable

steprange_last.L9:                                ; preds = %entry
  %101 = icmp eq i64 %66, %64
  br i1 %101, label %steprange_last.L11, label %steprange_last.L12

steprange_last.L11:                               ; preds = %steprange_last.L9
  br label %steprange_last.ret

steprange_last.L12:                               ; preds = %steprange_last.L9
  %102 = icmp slt i64 0, %65
  %103 = icmp slt i64 %64, %66
  %104 = icmp eq i1 %102, %103
  %105 = xor i1 %104, true
  br i1 %105, label %steprange_last.L17, label %steprange_last.L19

steprange_last.L17:                               ; preds = %steprange_last.L12
  %106 = sub i64 %64, %65
  br label %steprange_last.ret

steprange_last.L19:                               ; preds = %steprange_last.L12
  %107 = sub i64 %66, %64
  %108 = icmp eq i64 %65, 0
  br i1 %108, label %rem.L4, label %rem.L9

rem.L4:                                           ; preds = %steprange_last.L19
  call void @gpu_report_exception_name(ptr @.str.3)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.4, ptr @.str.5, i32 78)
  call void @gpu_signal_exception()
  unreachable

rem.L9:                                           ; preds = %steprange_last.L19
  %109 = icmp eq i64 %65, -1
  br i1 %109, label %rem.L13, label %rem.L15

rem.L13:                                          ; preds = %rem.L9
  br label %rem.ret

rem.L15:                                          ; preds = %rem.L9
  %110 = srem i64 %107, %65
  br label %rem.ret

rem.ret:                                          ; preds = %rem.L15, %rem.L13
  %111 = phi i64 [ 0, %rem.L13 ], [ %110, %rem.L15 ]
  %112 = sub i64 %66, %111
  br label %steprange_last.ret

steprange_last.ret:                               ; preds = %rem.ret, %steprange_last.L17, %steprange_last.L11
  %113 = phi i64 [ %66, %steprange_last.L11 ], [ %106, %steprange_last.L17 ], [ %112, %rem.ret ]
  %114 = insertvalue { i64, i64, i64 } undef, i64 %64, 0
  %115 = insertvalue { i64, i64, i64 } %114, i64 %65, 1
  %116 = insertvalue { i64, i64, i64 } %115, i64 %113, 2
  %117 = extractvalue { i64, i64, i64 } %116, 0
  %118 = extractvalue { i64, i64, i64 } %116, 1
  %119 = add i64 %117, 0
  store i64 %119, ptr %"@_8", align 8
  br label %vadd.L23

getindex.L6:                                      ; preds = %vadd.L26
  %120 = extractvalue { ptr, [1 x i64] } %3, 0
  %121 = sub i64 %99, 1
  %122 = getelementptr inbounds float, ptr %120, i64 %121
  %123 = load float, ptr %122, align 4
  br label %getindex.ret

getindex.ret:                                     ; preds = %getindex.L6
  br label %getindex.L62

getindex.L62:                                     ; preds = %getindex.ret
  %124 = extractvalue { ptr, [1 x i64] } %7, 0
  %125 = sub i64 %99, 1
  %126 = getelementptr inbounds float, ptr %124, i64 %125
  %127 = load float, ptr %126, align 4
  br label %getindex.ret1

getindex.ret1:                                    ; preds = %getindex.L62
  %128 = fadd float %123, %127
  br label %"setindex!.L6"

"setindex!.L6":                                   ; preds = %getindex.ret1
  %129 = extractvalue { ptr, [1 x i64] } %11, 0
  %130 = sub i64 %99, 1
  %131 = getelementptr inbounds float, ptr %129, i64 %130
  store float %128, ptr %131, align 4
  br label %"setindex!.ret"

"setindex!.ret":                                  ; preds = %"setindex!.L6"
  br label %vadd.L23

vadd.ret:                                         ; preds = %vadd.L36
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

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.nctaid.x() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.nctaid.y() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.nctaid.z() #0

declare void @gpu_report_exception_name(ptr)

declare void @gpu_report_exception_frame(i32, ptr, ptr, i32)

declare void @gpu_signal_exception()

attributes #0 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }

!nvvm.annotations = !{!0}

!0 = !{ptr @vadd, !"kernel", i32 1}
