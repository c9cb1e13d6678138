# article 004 (004_6ddf5a4540e1756a.txt), example 3 -- reconstructed: line breaks and indentation only
from multiprocessing import Process, Lock

def worker(lock, num):
    with lock:
        print(f"Worker {num} is working")

if __name__ == "__main__":
    lock = Lock()
    processes = []
    for i in range(5):
        p = Process(target=worker, args=(lock, i))
        p.start()
        processes.append(p)
    for p in processes:
        p.join()
