# article 000 (000_c4391e19b120a465.txt), example 1 -- reconstructed: line breaks and indentation only
import multiprocessing
import time
import cv2

def daemon1(image):
    name = multiprocessing.current_process().name
    for i in range(50):
        image = cv2.GaussianBlur(image, (3, 3), 1)
        time.sleep(0.1)
    print 'daemon1 done!'
    cv2.imshow('daemon1', image)

def daemon2(image):
    name = multiprocessing.current_process().name
    for i in range(50):
        image = cv2.GaussianBlur(image, (3, 3), 1)
        time.sleep(0.5)
    print 'daemon2 done!'
    cv2.imshow('daemon2', image)

if __name__ == '__main__':
    t1 = time.time()
    number_kernel = multiprocessing.cpu_count()
    print 'We have {0} kernels'.format(number_kernel)
    p1 = multiprocessing.Process(name='daemon1', target=daemon1,args= (cv2.imread('./p1.jpg'),))
    p1.daemon = False
    p2 = multiprocessing.Process(name='daemon2', target=daemon2, args=(cv2.imread('./p2.jpg'),))
    p2.daemon = False
    p1.start()
    p2.start()
    print 'p1 is {0}'.format(p1.is_alive())
    p1.terminate()
    p1.join()
    print 'p1 is {0}'.format(p1.is_alive())
    print 'p2 is {0}'.format(p2.is_alive())
    p2.join()
    t2 = time.time()
    print '!!!!!!!!!!!!!!!!!!!!OK!!!!!!!!!!!!!!!!!!!!!'
    print 'total time is {0}'.format(t2-t1)
    print 'p1.exitcode = {0}'.format(p1.exitcode)
    print 'p2.exitcode = {0}'.format(p2.exitcode)
