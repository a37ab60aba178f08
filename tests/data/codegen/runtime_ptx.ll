; ModuleID = 'checked_alloc'
source_filename = "checked_alloc"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@.str = private unnamed_addr constant [21 x i8] c"zero-size allocation\00", align 1

define dso_local ptr @checked_alloc(i64 %n) {
top:
  %n1 = alloca i64, align 8
  store i64 %n, ptr %n1, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %n1, align 8
  %1 = call i1 @julia_eq(i64 %0, i64 0)
  br i1 %1, label %L3, label %L5

L3:                                               ; preds = %L1
  call void @julia_report_exception(ptr @.str)
  br label %L5

L5:                                               ; preds = %L3, %L1
  %2 = load i64, ptr %n1, align 8
  %3 = call ptr @julia_malloc(i64 %2)
  ret ptr %3
}

define internal i1 @julia_eq(i64 %a, i64 %b) {
top:
  %a1 = alloca i64, align 8
  store i64 %a, ptr %a1, align 8
  %b2 = alloca i64, align 8
  store i64 %b, ptr %b2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %a1, align 8
  %1 = load i64, ptr %b2, align 8
  %2 = icmp eq i64 %0, %1
  ret i1 %2
}

define internal void @julia_report_exception(ptr %ex) {
top:
  %ex1 = alloca ptr, align 8
  store ptr %ex, ptr %ex1, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load ptr, ptr %ex1, align 8
  call void @gpu_report_exception(ptr %0)
  ret void
}

define internal ptr @julia_malloc(i64 %sz) {
top:
  %sz1 = alloca i64, align 8
  store i64 %sz, ptr %sz1, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %sz1, align 8
  %1 = call ptr @gpu_malloc(i64 %0)
  ret ptr %1
}

declare void @gpu_report_exception(ptr)

declare ptr @gpu_malloc(i64)
