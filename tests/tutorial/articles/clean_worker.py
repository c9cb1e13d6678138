from multiprocessing import Process, Queue


def work(q):
    q.put("x" * 1000)


if __name__ == "__main__":
    q = Queue()
    p = Process(target=work, args=(q,))
    p.start()
    print(len(q.get()))
    p.join()
