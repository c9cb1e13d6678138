# article 001 (001_adebf982f8112407.txt), example 4 -- reconstructed: line breaks and indentation only
from multiprocessing import Pool
import os, time

def pro_do(process_num):
    print "child process id is %d" %(os.getpid())
    time.sleep(6 - process_num)
    print "this is process %d" %(process_num)

if __name__ == "__main__":
    print "Current process is %d" %(os.getpid())
    p = Pool()
    for i in range(5):
        p.apply_async(pro_do, (i,)) #增加新的進程
    p.close() # 禁止在增加新的進程
    p.join()
    print "pool process done"
