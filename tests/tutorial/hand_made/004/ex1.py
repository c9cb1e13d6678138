# article 004 (004_6ddf5a4540e1756a.txt), example 1 -- reconstructed: line breaks and indentation only
import multiprocessing
import time

def worker(num):
    """Worker function"""
    print(f"Worker {num} starting")
    time.sleep(2)
    print(f"Worker {num} done")

if __name__ == "__main__":
    processes = []
    for i in range(5):
        p = multiprocessing.Process(target=worker, args=(i,))
        p.start()
        processes.append(p)
    for p in processes:
        p.join()
    print("All workers completed")
