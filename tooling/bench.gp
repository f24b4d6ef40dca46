# gnuplot script of make bench: results/bench-*.dat -> results/bench.png
set terminal pngcairo size 1000,420 font ",10"
set output "results/bench.png"
set multiplot layout 1,2 title "OOM victim selection, vanilla 6.12 vs patched (QEMU TCG, emulated: compare ratios)"
set key top left
set grid
set logscale x
set xlabel "sleeping processes"
set ylabel "median time (us)"
set title "selection walk inside out_of_memory()"
plot "results/bench-vanilla.dat" using 1:2 with linespoints title "vanilla", \
     "results/bench-policy0.dat" using 1:2 with linespoints title "policy 0", \
     "results/bench-policy1.dat" using 1:2 with linespoints title "policy 1", \
     "results/bench-policy1-nochild.dat" using 1:2 with linespoints title "policy 1, no child rule"
set title "reading /proc/*/oom_score"
plot "results/bench-vanilla.dat" using 1:3 with linespoints title "vanilla", \
     "results/bench-policy0.dat" using 1:3 with linespoints title "policy 0", \
     "results/bench-policy1.dat" using 1:3 with linespoints title "policy 1", \
     "results/bench-policy1-nochild.dat" using 1:3 with linespoints title "policy 1, no child rule"
unset multiplot
