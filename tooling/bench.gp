# gnuplot script of make bench: results/bench-SHAPE-CONFIG.dat -> results/bench.png
set terminal pngcairo size 1100,440 font ",10"
set output "results/bench.png"
set multiplot layout 1,2 title "OOM victim selection walk, vanilla 6.12 vs patched (QEMU TCG, emulated: compare the ratios)"
set key top left
set grid
set logscale xy
set xlabel "sleeping processes"
set ylabel "median time of the walk (us)"
do for [shape in "flat families"] {
    set title (shape eq "flat" ? "sleepers under an unkillable launcher" : "families of ten (nine children per candidate parent)")
    plot sprintf("results/bench-%s-vanilla.dat", shape) using 1:2 with linespoints lw 2 title "vanilla", \
         sprintf("results/bench-%s-policy0.dat", shape) using 1:2 with linespoints title "policy 0", \
         sprintf("results/bench-%s-policy1.dat", shape) using 1:2 with linespoints title "policy 1", \
         sprintf("results/bench-%s-policy1-nochild.dat", shape) using 1:2 with linespoints title "policy 1, no child rule", \
         sprintf("results/bench-%s-policy1-nokids.dat", shape) using 1:2 with linespoints dt 2 title "policy 1, children 0%"
}
unset multiplot
