#!/usr/bin/env python3
"""Where the heap per circuit goes: the per-type difference of two dotnet-gcdump files, divided by the circuits between them.

    bash bench/run.sh --only heap --circuits 3,10 --gcdump /tmp/gc   # writes app-4.gcdump and app-14.gcdump (and template-*)
    python3 bench/gcdump-diff.py /tmp/gc/app-4.gcdump /tmp/gc/app-14.gcdump 10 [rows]

Needs the dotnet-gcdump tool (dotnet tool install -g dotnet-gcdump). `dotnet-gcdump report` lists each type's average
object size and count (split by size class); this sums size x count per type.
"""
import sys,subprocess,re,os
def load(f):
    out=subprocess.run([os.path.expanduser('~/.dotnet/tools/dotnet-gcdump'),'report',f],capture_output=True,text=True).stdout
    d={}
    tot=0
    for line in out.splitlines():
        m=re.match(r'\s*([\d,]+)\s+([\d,]+)\s+(.*)$',line)
        if m:
            b=int(m.group(1).replace(',',''));c=int(m.group(2).replace(',',''));t=m.group(3)
            t=re.sub(r'\s*\[[^\]]*\]\s*$','',t)
            t=re.sub(r'\s*\(Bytes > [^)]*\)','',t)
            x=d.setdefault(t,[0,0]);x[0]+=b*c;x[1]+=c
        m=re.match(r'\s*([\d,]+)\s+GC Heap bytes',line)
        if m: tot=int(m.group(1).replace(',',''))
    return d,tot
a,ta=load(sys.argv[1]);b,tb=load(sys.argv[2]);n=int(sys.argv[3])
print(f"total {ta} -> {tb}: {(tb-ta)/n/1024:.1f} KB per circuit")
rows=[(b.get(k,[0,0])[0]-a.get(k,[0,0])[0], b.get(k,[0,0])[1]-a.get(k,[0,0])[1], k) for k in set(a)|set(b)]
rows.sort(reverse=True)
for bytes_,cnt,k in rows[:int(sys.argv[4]) if len(sys.argv)>4 else 40]:
    print(f"{bytes_/n/1024:9.1f} KB {cnt/n:8.1f}  {k}")
